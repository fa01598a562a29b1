// RemoteTreeModel: what the app changes itself, shown at once and held against stale listings
// (applyLocal*), and drag and drop, which only requests such changes (the window runs the jobs,
// then reports back through applyLocal*). Listings live in RemoteTreeModelSync.cpp.
#include "models/RemoteTreeModel.h"

#include "models/RemoteNode.h"

#include <QMimeData>
#include <QUrl>

void RemoteTreeModel::expect(const RemotePath &path, bool present, const FileSpec &spec)
{
    RemoteNode *parent = findNode(path.parent());
    if (!parent || !parent->isDir() || path.isRoot())
        return;
    parent->folder->expectations.insert(path.name(), {present, spec, QDeadlineTimer(m_graceMs)});
}

void RemoteTreeModel::applyLocalInsert(const FileSpec &spec)
{
    if (spec.path.isRoot())
        return;
    expect(spec.path, true, spec);
    sizesChangedAt(spec.path);
    RemoteNode *parent = findNode(spec.path.parent());
    if (!parent || !parent->isDir() || parent->folder->state == RemoteNode::State::Unlisted)
        return; // the expectation is applied when the folder is listed
    if (RemoteNode *existing = parent->child(spec.name)) {
        if (existing->spec.isFile == spec.isFile) {
            parent->count(existing->spec, -1);
            existing->spec = spec;
            parent->count(spec, +1);
            Q_EMIT dataChanged(indexFor(existing, 0), indexFor(existing, ColumnCount - 1));
            return;
        }
        removeRows(parent, {existing->row});
    }
    ++parent->folder->namesAddedByApp;
    insertNodes(parent, {spec});
    notifyFolderChanged(parent, {Qt::DisplayRole, ChildCountRole});
}

void RemoteTreeModel::applyLocalRemove(const RemotePath &path)
{
    if (path.isRoot())
        return;
    expect(path, false);
    RemoteNode *node = findNode(path);
    if (node && node->parent)
        removeRows(node->parent, {node->row});
    sizesChangedAt(path);
    if (m_reveal && (*m_reveal == path || path.isAncestorOf(*m_reveal)))
        continueReveal();
}

void RemoteTreeModel::applyLocalMove(const RemotePath &from, const RemotePath &to)
{
    if (from.isRoot() || to.isRoot() || from == to)
        return;
    RemoteNode *node = findNode(from);
    if (node && from.parent() == to.parent()) {
        // A rename in place keeps the row, so selection and expansion stay with it.
        RemoteNode *parent = node->parent;
        if (RemoteNode *existing = parent->child(to.name()); existing && existing != node)
            removeRows(parent, {existing->row}); // replaced, as the person agreed
        parent->folder->byName.remove(node->spec.name);
        node->setPath(to);
        parent->folder->byName.insert(node->spec.name, node);
        ++parent->folder->namesAddedByApp;
        ++parent->folder->revision;
        expect(from, false);
        expect(to, true, node->spec);
        sizesChangedAt(from); // known under its old name only
        sizesChangedAt(to);
        Q_EMIT dataChanged(indexFor(node, 0), indexFor(node, ColumnCount - 1));
        return;
    }
    std::optional<FileSpec> spec;
    if (node) {
        spec = node->spec;
    } else if (const RemoteNode *oldParent = findNode(from.parent())) {
        // Not listed there yet (moved into a folder never opened): what the app expects there
        // still describes it. An undo of a move goes this way.
        const auto expected = oldParent->folder->expectations.constFind(from.name());
        if (expected != oldParent->folder->expectations.cend() && expected->present
            && !expected->spec.name.isEmpty())
            spec = expected->spec;
    }
    if (spec) {
        spec->path = to;
        spec->name = to.name();
    }
    applyLocalRemove(from);
    if (spec) {
        applyLocalInsert(*spec);
    } else {
        // Nothing known about it: the server says. An earlier "gone from here" must not hide it
        // from that listing (it came back).
        if (RemoteNode *newParent = findNode(to.parent()))
            newParent->folder->expectations.remove(to.name());
        refreshPath(to.parent());
    }
}

QStringList RemoteTreeModel::mimeTypes() const
{
    return {internalMimeType(), QStringLiteral("text/uri-list")};
}

QMimeData *RemoteTreeModel::mimeData(const QModelIndexList &indexes) const
{
    QStringList paths;
    for (const QModelIndex &index : indexes) {
        if (index.isValid() && index.column() == NameColumn && index.model() == this) {
            const QString path = nodeFor(index)->spec.path.absolute();
            if (!paths.contains(path))
                paths.append(path);
        }
    }
    if (paths.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    // Our own type for moves inside the app; plain text so a drop into a terminal or an editor
    // gets the /data paths. Never text/uri-list: these are not local files.
    data->setData(internalMimeType(), paths.join(QLatin1Char('\n')).toUtf8());
    data->setText(paths.join(QLatin1Char('\n')));
    return data;
}

QList<RemotePath> RemoteTreeModel::pathsFromMime(const QMimeData *data)
{
    QList<RemotePath> paths;
    if (!data || !data->hasFormat(internalMimeType()))
        return paths;
    const QStringList lines = QString::fromUtf8(data->data(internalMimeType()))
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        if (auto path = RemotePath::parse(line); path && !path->isRoot())
            paths.append(*path);
    }
    return paths;
}

RemoteNode *RemoteTreeModel::dropTarget(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return nullptr;
    RemoteNode *node = nodeFor(parent);
    return node->isDir() ? node : nullptr;
}

bool RemoteTreeModel::canDropMimeData(const QMimeData *data, Qt::DropAction action, int, int,
                                      const QModelIndex &parent) const
{
    const RemoteNode *target = dropTarget(parent);
    if (!target || !data)
        return false;
    if (data->hasFormat(internalMimeType())) {
        if (action != Qt::MoveAction)
            return false; // the API has no copy
        const QList<RemotePath> paths = pathsFromMime(data);
        bool anythingMoves = false;
        for (const RemotePath &path : paths) {
            if (path == target->spec.path || path.isAncestorOf(target->spec.path))
                return false; // into itself
            anythingMoves |= path.parent() != target->spec.path;
        }
        return anythingMoves;
    }
    if (data->hasUrls()) {
        const QList<QUrl> urls = data->urls();
        return std::any_of(urls.cbegin(), urls.cend(),
                           [](const QUrl &url) { return url.isLocalFile(); });
    }
    return false;
}

bool RemoteTreeModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                   int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const RemotePath target = dropTarget(parent)->spec.path;
    if (data->hasFormat(internalMimeType())) {
        QList<RemotePath> moving;
        for (const RemotePath &path : pathsFromMime(data)) {
            if (path.parent() != target)
                moving.append(path);
        }
        Q_EMIT moveRequested(moving, target);
        return true;
    }
    QStringList localPaths;
    for (const QUrl &url : data->urls()) {
        if (url.isLocalFile())
            localPaths.append(url.toLocalFile());
    }
    Q_EMIT uploadRequested(localPaths, target);
    return true;
}
