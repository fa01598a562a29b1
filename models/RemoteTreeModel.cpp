#include "models/RemoteTreeModel.h"

#include "models/FolderLister.h"
#include "models/FolderSizeCache.h"
#include "models/ModelsLog.h"
#include "models/RemoteNode.h"
#include "network/api/FilesClient.h"
#include "network/text/TextFormat.h"

#include <QMimeData>
#include <QUrl>

RemoteTreeModel::RemoteTreeModel(FilesClient *client, QObject *parent)
    : QAbstractItemModel(parent), m_client(client)
{
    m_invisibleRoot = std::make_unique<RemoteNode>(FileSpec::folder(RemotePath()), nullptr);
    m_invisibleRoot->folder->state = RemoteNode::State::Listed;
    m_invisibleRoot->folder->children.push_back(
        std::make_unique<RemoteNode>(FileSpec::folder(RemotePath()), m_invisibleRoot.get()));

    m_lister = new FolderLister(
        client,
        [this](const RemotePath &folder) {
            FolderLister::Snapshot snapshot;
            const RemoteNode *node = findNode(folder);
            if (!node || !node->isDir())
                return snapshot;
            snapshot.exists = true;
            snapshot.current.reserve(qsizetype(node->folder->children.size()));
            for (const auto &child : node->folder->children)
                snapshot.current.append(child->spec);
            snapshot.expectations = node->folder->expectations;
            snapshot.revision = node->folder->revision;
            snapshot.order = m_order;
            if (node->parent && node->parent != m_invisibleRoot.get()) {
                const auto it = node->parent->folder->expectations.constFind(node->spec.name);
                snapshot.expectedByParent = it != node->parent->folder->expectations.cend()
                    && it->present && !it->until.hasExpired();
            }
            return snapshot;
        },
        this);
    connect(m_lister, &FolderLister::diffReady, this, &RemoteTreeModel::onDiffReady);
    connect(m_lister, &FolderLister::failed, this, &RemoteTreeModel::onListFailed);
    connect(m_lister, &FolderLister::gone, this, &RemoteTreeModel::onFolderGone);
    connect(m_lister, &FolderLister::entriesLeftOut, this, &RemoteTreeModel::entriesLeftOut);
    m_sizes = new FolderSizeCache(client, this);
    connect(m_sizes, &FolderSizeCache::sizeChanged, this, &RemoteTreeModel::onFolderSizeChanged);

    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(0);
    connect(&m_batchTimer, &QTimer::timeout, this, &RemoteTreeModel::pumpBatches);
    // Another key is another account's /data: nothing shown so far is true any more.
    connect(client, &FilesClient::credentialsChanged, this, &RemoteTreeModel::reset);
}

RemoteTreeModel::~RemoteTreeModel() = default;

RemoteNode *RemoteTreeModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<RemoteNode *>(index.internalPointer())
                           : m_invisibleRoot.get();
}

QModelIndex RemoteTreeModel::indexFor(const RemoteNode *node, int column) const
{
    if (!node || node == m_invisibleRoot.get())
        return {};
    return createIndex(node->row, column, const_cast<RemoteNode *>(node));
}

QModelIndex RemoteTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return {};
    const RemoteNode *node = nodeFor(parent);
    if (row < 0 || row >= int(node->folder->children.size()) || column < 0 || column >= ColumnCount)
        return {};
    return createIndex(row, column, node->folder->children[size_t(row)].get());
}

QModelIndex RemoteTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int RemoteTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->folder->children.size());
}

int RemoteTreeModel::columnCount(const QModelIndex &parent) const
{
    return parent.column() > 0 ? 0 : ColumnCount;
}

bool RemoteTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return true;
    if (parent.column() != 0)
        return false;
    const RemoteNode *node = nodeFor(parent);
    // Lazy: a folder may have children until its listing says otherwise.
    return node->isDir()
        && (node->folder->state != RemoteNode::State::Listed || !node->folder->children.empty()
            || node->hasPending());
}

bool RemoteTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (!parent.isValid() || parent.column() != 0)
        return false;
    const RemoteNode *node = nodeFor(parent);
    // A failed folder is retried on request only, or views would retry in a loop.
    return node->isDir() && node->folder->state == RemoteNode::State::Unlisted;
}

void RemoteTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startListing(nodeFor(parent));
}

QVariant RemoteTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const RemoteNode *node = nodeFor(index);
    const FileSpec &spec = node->spec;
    const bool isDataRoot = node->parent == m_invisibleRoot.get();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return isDataRoot ? QStringLiteral("/data") : spec.name;
        case SizeColumn:
            return spec.isDir() ? folderSizeData(node, role) : TextFormat::size(spec.size);
        case ModifiedColumn:
            return TextFormat::dateTime(spec.updated);
        case TypeColumn:
            return FileKind::typeName(spec.name, spec.isDir());
        }
        return {};
    case Qt::EditRole:
        return index.column() == NameColumn ? spec.name : QVariant();
    case Qt::DecorationRole:
        if (index.column() != NameColumn || !m_icons)
            return {};
        return m_icons(FileKind::of(spec.name, spec.isDir()), !node->folder->error.isEmpty());
    case Qt::ToolTipRole:
        if (index.column() == SizeColumn && spec.isDir()) {
            const QVariant why = folderSizeData(node, role);
            if (why.isValid())
                return why;
        }
        if (!node->folder->error.isEmpty())
            return tr("%1\nCould not be listed: %2").arg(spec.path.absolute(), node->folder->error);
        if (node->folder->state == RemoteNode::State::Loading)
            return tr("%1\nLoading…").arg(spec.path.absolute());
        return spec.path.absolute();
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole:
        return spec.path.absolute();
    case SizeRole:
        return measuredSize(index);
    case ModifiedRole:
        return spec.updated;
    case CreatedRole:
        return spec.created;
    case IsDirRole:
        return spec.isDir();
    case KindRole:
        return int(FileKind::of(spec.name, spec.isDir()));
    case LoadingRole:
        return node->folder->state == RemoteNode::State::Loading || node->folder->refreshing
            || node->hasPending();
    case ListedRole:
        return node->folder->state == RemoteNode::State::Listed;
    case ErrorRole:
        return node->folder->error;
    case ChildCountRole:
        return int(node->folder->children.size());
    }
    return {};
}

bool RemoteTreeModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != NameColumn
        || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const RemoteNode *node = nodeFor(index);
    const QString name = value.toString();
    if (name == node->spec.name)
        return false;
    // Renaming is a request to the server; the row changes when it is done.
    Q_EMIT renameRequested(node->spec.path, name);
    return false;
}

QVariant RemoteTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole && section == SizeColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SizeColumn:
        return tr("Size");
    case ModifiedColumn:
        return tr("Modified");
    case TypeColumn:
        return tr("Type");
    }
    return {};
}

Qt::ItemFlags RemoteTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const RemoteNode *node = nodeFor(index);
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (node->isDir())
        flags |= Qt::ItemIsDropEnabled;
    else
        flags |= Qt::ItemNeverHasChildren;
    if (node->parent != m_invisibleRoot.get()) { // /data itself cannot be moved or renamed
        flags |= Qt::ItemIsDragEnabled;
        if (index.column() == NameColumn)
            flags |= Qt::ItemIsEditable;
    }
    return flags;
}

QModelIndex RemoteTreeModel::rootIndex() const
{
    return indexFor(m_invisibleRoot->folder->children.front().get());
}

RemoteNode *RemoteTreeModel::findNode(const RemotePath &path) const
{
    RemoteNode *node = m_invisibleRoot->folder->children.front().get();
    if (path.isRoot())
        return node;
    const QStringList segments = path.relative().split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        node = node->child(segment);
        if (!node)
            return nullptr;
    }
    return node;
}

QModelIndex RemoteTreeModel::indexForPath(const RemotePath &path, int column) const
{
    return indexFor(findNode(path), column);
}

RemotePath RemoteTreeModel::pathForIndex(const QModelIndex &index) const
{
    return index.isValid() ? nodeFor(index)->spec.path : RemotePath();
}

const FileSpec *RemoteTreeModel::specForIndex(const QModelIndex &index) const
{
    return index.isValid() ? &nodeFor(index)->spec : nullptr;
}

RemoteTreeModel::FolderStats RemoteTreeModel::folderStats(const QModelIndex &folder) const
{
    const RemoteNode *node = nodeFor(folder);
    return {node->folder->fileCount, node->folder->folderCount, node->folder->fileBytes};
}

bool RemoteTreeModel::isBusy() const
{
    return m_busy;
}

void RemoteTreeModel::updateBusy()
{
    const bool busy = !m_batchQueue.isEmpty() || !m_loading.isEmpty();
    if (busy != m_busy) {
        m_busy = busy;
        Q_EMIT busyChanged(busy);
    }
}

void RemoteTreeModel::reset()
{
    beginResetModel();
    m_lister->cancelAll();
    m_batchQueue.clear();
    m_batchTimer.stop();
    m_reveal.reset();
    m_loading.clear();
    m_sizes->clear();
    m_invisibleRoot->folder->children.clear();
    m_invisibleRoot->folder->children.push_back(
        std::make_unique<RemoteNode>(FileSpec::folder(RemotePath()), m_invisibleRoot.get()));
    endResetModel();
    updateBusy();
}
