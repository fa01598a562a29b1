// FolderViewModel: the mapping, the model's interface and the source's news. How rows are put
// in order (on the spot or on a worker) lives in FolderViewModelArrange.cpp.
#include "models/FolderViewModel.h"

#include "models/ModelsLog.h"
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"

#include <QMimeData>

FolderViewModel::FolderViewModel(QObject *parent) : QAbstractProxyModel(parent)
{
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &FolderViewModel::onJobFinished);
    m_copyTimer.setSingleShot(true);
    m_copyTimer.setInterval(0);
    connect(&m_copyTimer, &QTimer::timeout, this, &FolderViewModel::copySome);
}

FolderViewModel::~FolderViewModel() = default;

void FolderViewModel::setSourceModel(QAbstractItemModel *model)
{
    beginResetModel();
    if (m_tree)
        disconnect(m_tree, nullptr, this, nullptr);
    m_tree = qobject_cast<RemoteTreeModel *>(model);
    QAbstractProxyModel::setSourceModel(model);
    m_folder = QPersistentModelIndex();
    clearRows();
    if (m_tree) {
        connect(m_tree, &QAbstractItemModel::rowsInserted, this, &FolderViewModel::onRowsInserted);
        connect(m_tree, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                &FolderViewModel::onRowsAboutToBeRemoved);
        connect(m_tree, &QAbstractItemModel::rowsRemoved, this, &FolderViewModel::onRowsRemoved);
        connect(m_tree, &QAbstractItemModel::dataChanged, this, &FolderViewModel::onDataChanged);
        connect(m_tree, &QAbstractItemModel::headerDataChanged, this,
                &QAbstractItemModel::headerDataChanged);
        // RemoteTreeModel never moves rows nor changes its layout; a reset forgets the folder.
        connect(m_tree, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
            beginResetModel();
            m_folder = QPersistentModelIndex();
            clearRows();
        });
        connect(m_tree, &QAbstractItemModel::modelReset, this, [this] { endResetModel(); });
    }
    endResetModel();
}

void FolderViewModel::clearRows()
{
    ++m_generation; // an order on its way is of no use any more
    m_job = Job();
    m_copyTimer.stop();
    m_rows.clear();
    m_proxyOf.clear();
    m_isDir.clear();
}

void FolderViewModel::setFolder(const QModelIndex &sourceFolder)
{
    const QModelIndex folder = sourceFolder.siblingAtColumn(0);
    if (folder == m_folder && (folder.isValid() || m_rows.empty()))
        return;
    beginResetModel();
    clearRows();
    m_folder = folder;
    if (m_tree && m_folder.isValid()) {
        // One walk of the rows: which are folders (for flags()), and their keys or order.
        const int rows = sourceRows();
        m_proxyOf.assign(size_t(rows), -1);
        m_isDir.assign(size_t(rows), 0);
        if (rows <= m_asyncThreshold) {
            std::vector<FolderOrder::Key> keys = snapshot();
            for (int row = 0; row < rows; ++row)
                m_isDir[size_t(row)] = keys[size_t(row)].dir;
            m_rows = m_order.arrange(keys);
        } else {
            // Shown at once as the model holds them (listings arrive in the view's order, so
            // usually as they will stay); a worker checks and sorts.
            const QModelIndex parent = m_folder;
            m_rows.reserve(size_t(rows));
            for (int row = 0; row < rows; ++row) {
                const FileSpec *spec = m_tree->specForIndex(m_tree->index(row, 0, parent));
                m_isDir[size_t(row)] = spec && spec->isDir();
                if (spec && m_order.accepts(spec->name))
                    m_rows.push_back(row);
            }
        }
        rebuildInverse();
    }
    endResetModel();
    if (m_tree && m_folder.isValid() && sourceRows() > m_asyncThreshold)
        startJob();
}

void FolderViewModel::setNameFilter(const QString &text)
{
    if (text.trimmed() == m_order.filter())
        return;
    m_order = FolderOrder(m_order.column(), m_order.order(), text);
    rearrange();
}

void FolderViewModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0)
        column = RemoteTreeModel::NameColumn; // rows always have an order
    if (column == m_order.column() && order == m_order.order())
        return;
    m_order = FolderOrder(column, order, m_order.filter());
    Q_EMIT listingOrderChanged();
    rearrange();
}

ListingDiff::Order FolderViewModel::listingOrder() const
{
    const int column = m_order.column();
    const Qt::SortOrder order = m_order.order();
    return [column, order](const FileSpec &a, const FileSpec &b) {
        return RemoteSortFilterProxy::sortsBefore(a, b, column, order);
    };
}

int FolderViewModel::sourceRows() const
{
    return m_tree && m_folder.isValid() ? m_tree->rowCount(m_folder) : 0;
}

QModelIndex FolderViewModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!m_tree || !proxyIndex.isValid() || proxyIndex.model() != this
        || proxyIndex.row() >= int(m_rows.size()))
        return {};
    return m_tree->index(m_rows[size_t(proxyIndex.row())], proxyIndex.column(), m_folder);
}

QModelIndex FolderViewModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || !m_folder.isValid() || sourceIndex.parent() != m_folder)
        return {}; // the folder itself is the root
    const int row = sourceIndex.row();
    if (row >= int(m_proxyOf.size()) || m_proxyOf[size_t(row)] < 0)
        return {};
    return index(m_proxyOf[size_t(row)], sourceIndex.column());
}

QModelIndex FolderViewModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || row >= int(m_rows.size()) || column < 0
        || column >= RemoteTreeModel::ColumnCount)
        return {};
    return createIndex(row, column);
}

QModelIndex FolderViewModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex FolderViewModel::sibling(int row, int column, const QModelIndex &index) const
{
    return index.isValid() ? this->index(row, column) : QModelIndex();
}

int FolderViewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FolderViewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : RemoteTreeModel::ColumnCount;
}

bool FolderViewModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && (!m_rows.empty() || canFetchMore(parent));
}

bool FolderViewModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_tree && m_folder.isValid() && m_tree->canFetchMore(m_folder);
}

void FolderViewModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        m_tree->fetchMore(m_folder);
}

Qt::ItemFlags FolderViewModel::flags(const QModelIndex &index) const
{
    if (!m_tree)
        return Qt::NoItemFlags;
    if (!index.isValid()) // the view's empty space: what the folder takes
        return m_folder.isValid() ? m_tree->flags(m_folder) & Qt::ItemIsDropEnabled
                                  : Qt::NoItemFlags;
    if (index.row() >= int(m_rows.size()))
        return Qt::NoItemFlags;
    // RemoteTreeModel's flags for a row below /data, without touching the row: a QTreeView asks
    // for the flags of every row each time it lays them out (QTreeViewPrivate::isIndexExpanded),
    // and reaching a million rows scattered in memory took ~150 ms per layout. No row has
    // children here: the view is a list.
    Qt::ItemFlags flags = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsDragEnabled
        | Qt::ItemNeverHasChildren;
    if (index.column() == RemoteTreeModel::NameColumn)
        flags |= Qt::ItemIsEditable;
    if (m_isDir[size_t(m_rows[size_t(index.row())])])
        flags |= Qt::ItemIsDropEnabled;
    return flags;
}

QVariant FolderViewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Not through mapToSource(index(0, section)): an empty folder still has a header.
    return m_tree ? m_tree->headerData(section, orientation, role) : QVariant();
}

bool FolderViewModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    const QModelIndex target
        = parent.isValid() ? mapToSource(parent.siblingAtColumn(0)) : QModelIndex(m_folder);
    return m_tree && target.isValid() && m_tree->canDropMimeData(data, action, -1, -1, target);
}

bool FolderViewModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                   const QModelIndex &parent)
{
    const QModelIndex target
        = parent.isValid() ? mapToSource(parent.siblingAtColumn(0)) : QModelIndex(m_folder);
    return m_tree && target.isValid() && m_tree->dropMimeData(data, action, -1, -1, target);
}

void FolderViewModel::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (!m_folder.isValid() || parent != m_folder)
        return;
    const int count = last - first + 1;
    if (first < int(m_proxyOf.size())) {
        // Not at the end (RemoteTreeModel only appends): the rows after move down.
        for (int &row : m_rows)
            row += row >= first ? count : 0;
        m_proxyOf.insert(m_proxyOf.begin() + first, size_t(count), -1);
        m_isDir.insert(m_isDir.begin() + first, size_t(count), 0);
        rebuildInverse();
        m_job.stale |= m_job.running; // the worker's copy is numbered otherwise
        if (m_job.copying)
            startJob(); // the copy under way would mix both numberings: from the start
    } else {
        m_proxyOf.resize(m_proxyOf.size() + size_t(count), -1);
        m_isDir.resize(m_isDir.size() + size_t(count), 0);
    }
    const QModelIndex folder = m_folder;
    std::vector<int> accepted;
    accepted.reserve(size_t(count));
    for (int row = first; row <= last; ++row) {
        const FileSpec *spec = m_tree->specForIndex(m_tree->index(row, 0, folder));
        m_isDir[size_t(row)] = spec && spec->isDir();
        if (spec && m_order.accepts(spec->name))
            accepted.push_back(row);
    }
    place(std::move(accepted));
}

void FolderViewModel::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    if (!m_folder.isValid())
        return;
    for (QModelIndex at = m_folder; at.isValid(); at = at.parent()) {
        if (at.parent() == parent && at.row() >= first && at.row() <= last) {
            // The folder itself goes (the window moves to one that stays).
            beginResetModel();
            clearRows();
            m_folder = QPersistentModelIndex();
            endResetModel();
            return;
        }
    }
    if (parent != m_folder)
        return;
    std::vector<int> gone;
    for (int row = first; row <= last && row < int(m_proxyOf.size()); ++row) {
        if (m_proxyOf[size_t(row)] >= 0)
            gone.push_back(m_proxyOf[size_t(row)]);
    }
    std::sort(gone.begin(), gone.end());
    removeProxyRows(std::move(gone));
    if (m_job.running)
        m_job.removals.emplace_back(first, last);
}

void FolderViewModel::onRowsRemoved(const QModelIndex &parent, int first, int last)
{
    if (!m_folder.isValid() || parent != m_folder)
        return;
    const int count = last - first + 1;
    for (int &row : m_rows)
        row -= row > last ? count : 0;
    m_proxyOf.erase(m_proxyOf.begin() + first,
                    m_proxyOf.begin() + std::min(last + 1, int(m_proxyOf.size())));
    m_isDir.erase(m_isDir.begin() + first,
                  m_isDir.begin() + std::min(last + 1, int(m_isDir.size())));
    rebuildInverse();
    if (m_job.copying)
        startJob(); // the rows not copied yet moved: copy again, from the start
}
