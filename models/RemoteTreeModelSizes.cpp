// RemoteTreeModel: folder sizes. The folders of the folder the details view shows are measured
// by FolderSizeCache; their Size cells follow it. RemoteTreeModel.cpp is the model itself,
// RemoteTreeModelSync.cpp the listings, RemoteTreeModelEdits.cpp the app's own changes.
#include "models/RemoteTreeModel.h"

#include "models/FolderSizeCache.h"
#include "models/RemoteNode.h"
#include "network/text/TextFormat.h"

void RemoteTreeModel::measureChildren(const QModelIndex &folder)
{
    const RemoteNode *node = nodeFor(folder);
    if (!folder.isValid() || !node->isDir())
        return;
    m_sizes->setFocus(node->spec.path);
    for (const auto &child : node->folder->children) {
        if (child->isDir())
            m_sizes->request(child->spec.path);
    }
}

void RemoteTreeModel::measureNew(const RemoteNode *node, int firstNewRow)
{
    if (m_sizes->focus() != node->spec.path)
        return;
    for (size_t row = size_t(firstNewRow); row < node->folder->children.size(); ++row) {
        if (node->folder->children[row]->isDir())
            m_sizes->request(node->folder->children[row]->spec.path);
    }
}

void RemoteTreeModel::sizesChangedAt(const RemotePath &path)
{
    m_sizes->invalidate(path);
    // The folders still shown are measured again; what was removed is not.
    const std::optional<RemotePath> focus = m_sizes->focus();
    if (const RemoteNode *shown = focus ? findNode(*focus) : nullptr)
        measureChildren(indexFor(shown));
}

qint64 RemoteTreeModel::measuredSize(const QModelIndex &index) const
{
    if (!index.isValid())
        return 0;
    const FileSpec &spec = nodeFor(index)->spec;
    if (!spec.isDir())
        return spec.size;
    const FolderSizeCache::Entry entry = m_sizes->entry(spec.path);
    return entry.known ? entry.size.bytes : 0;
}

bool RemoteTreeModel::isSizeKnown(const QModelIndex &index) const
{
    if (!index.isValid())
        return false;
    const FileSpec &spec = nodeFor(index)->spec;
    return !spec.isDir() || m_sizes->entry(spec.path).known;
}

std::optional<qint64> RemoteTreeModel::totalSize(const QModelIndex &folder, int maxFolders) const
{
    const RemoteNode *node = nodeFor(folder);
    if (!folder.isValid() || node->folder->folderCount > maxFolders)
        return std::nullopt;
    qint64 bytes = node->folder->fileBytes;
    if (node->folder->folderCount == 0)
        return bytes;
    for (const auto &child : node->folder->children) {
        if (!child->isDir())
            continue;
        const FolderSizeCache::Entry entry = m_sizes->entry(child->spec.path);
        if (!entry.known)
            return std::nullopt;
        bytes += entry.size.bytes;
    }
    return bytes;
}

QVariant RemoteTreeModel::folderSizeData(const RemoteNode *node, int role) const
{
    const FolderSizeCache::Entry entry = m_sizes->entry(node->spec.path);
    const bool busy = entry.waiting || entry.measuring;
    if (role == Qt::ToolTipRole) {
        if (entry.known)
            return tr("%1, %2\n%3")
                .arg(TextFormat::files(entry.size.files), TextFormat::folders(entry.size.folders),
                     TextFormat::byteCount(entry.size.bytes));
        if (entry.measuring)
            return tr("Measuring… %1, %2 so far")
                .arg(TextFormat::files(entry.soFar.files), TextFormat::size(entry.soFar.bytes));
        if (entry.waiting)
            return tr("Waiting to be measured");
        if (!entry.error.isEmpty())
            return tr("The size is not known: %1").arg(entry.error);
        return {};
    }
    // A size measured before stays shown while it is measured again.
    if (entry.known)
        return TextFormat::size(entry.size.bytes);
    if (busy)
        return QStringLiteral("…");
    if (!entry.error.isEmpty())
        return QStringLiteral("?");
    // Never asked for (a folder outside the one shown): what its listing says, as before.
    return node->folder->state == RemoteNode::State::Listed
        ? TextFormat::items(int(node->folder->children.size()))
        : QString();
}

void RemoteTreeModel::onFolderSizeChanged(const RemotePath &folder)
{
    const RemoteNode *node = findNode(folder);
    if (!node || node->parent == m_invisibleRoot.get())
        return;
    const QModelIndex cell = indexFor(node, SizeColumn);
    Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole, Qt::ToolTipRole, SizeRole});
}
