// RemoteTreeModel, keeping the tree in step with the server: listings, diffs, batches and
// revealing a path. RemoteTreeModel.cpp answers the views; RemoteTreeModelEdits.cpp holds
// the app's own changes and drag and drop.
#include "models/RemoteTreeModel.h"

#include "models/FolderLister.h"
#include "models/ModelsLog.h"
#include "models/RemoteNode.h"

#include <QElapsedTimer>

void RemoteTreeModel::startListing(RemoteNode *node)
{
    Q_ASSERT(node->isDir()); // a file's RemoteFolder is the shared empty one
    const RemotePath path = node->spec.path;
    if (m_lister->isListing(path))
        return;
    if (node->folder->state == RemoteNode::State::Unlisted
        || node->folder->state == RemoteNode::State::Failed)
        node->folder->state = RemoteNode::State::Loading;
    else
        node->folder->refreshing = true;
    node->folder->error.clear();
    m_loading.insert(path);
    notifyFolderChanged(node, {LoadingRole, ErrorRole, Qt::ToolTipRole, Qt::DecorationRole});
    m_lister->list(path);
    updateBusy();
}

void RemoteTreeModel::refresh(const QModelIndex &folder)
{
    RemoteNode *node = nodeFor(folder);
    if (!folder.isValid())
        node = m_invisibleRoot->folder->children.front().get();
    if (!node->isDir())
        node = node->parent;
    if (node && node != m_invisibleRoot.get()) {
        sizesChangedAt(node->spec.path); // "list again" means sizes too
        startListing(node);
    }
}

void RemoteTreeModel::refreshPath(const RemotePath &folder)
{
    RemoteNode *node = findNode(folder);
    if (node && node->isDir() && node->folder->state != RemoteNode::State::Unlisted) {
        sizesChangedAt(folder); // a transfer landed below it
        startListing(node);
    }
}

RemotePath RemoteTreeModel::nearestListed(const RemotePath &path) const
{
    // A job that lands deep in a new folder ("up/new/x/y.bin") changed folders the tree has
    // never seen; the nearest one it has listed is where the change shows ("new" appears).
    for (RemotePath at = path;; at = at.parent()) {
        const RemoteNode *node = findNode(at);
        if (node && node->isDir() && node->folder->state != RemoteNode::State::Unlisted)
            return at;
        if (at.isRoot())
            return at;
    }
}

void RemoteTreeModel::notifyFolderChanged(RemoteNode *node, const QList<int> &roles)
{
    const QModelIndex first = indexFor(node, 0);
    if (first.isValid())
        Q_EMIT dataChanged(first, indexFor(node, ColumnCount - 1), roles);
}

void RemoteTreeModel::onDiffReady(const RemotePath &folder, const ListingDiff &diff,
                                  quint64 revision)
{
    RemoteNode *node = findNode(folder);
    if (!node || !node->isDir()) {
        m_loading.remove(folder);
        updateBusy();
        return;
    }
    if (node->folder->revision != revision) {
        m_lister->rediff(folder, diff.answer()); // rows changed while the diff was computed
        return;
    }
    m_loading.remove(folder);
    applyDiff(node, diff);
    updateBusy();
}

void RemoteTreeModel::applyDiff(RemoteNode *node, const ListingDiff &diff)
{
    for (const QString &name : diff.settledExpectations)
        node->folder->expectations.remove(name);

    // Updated metadata first (the rows are numbered as in the snapshot the diff was made
    // against), announced as contiguous ranges.
    QList<int> changedRows;
    for (const auto &[row, spec] : diff.changed) {
        RemoteNode *child = node->folder->children[size_t(row)].get();
        node->count(child->spec, -1);
        child->spec = spec;
        node->count(child->spec, +1);
        changedRows.append(row);
    }
    std::sort(changedRows.begin(), changedRows.end());
    for (qsizetype i = 0; i < changedRows.size();) {
        qsizetype j = i;
        while (j + 1 < changedRows.size() && changedRows.at(j + 1) == changedRows.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(index(changedRows.at(i), 0, indexFor(node)),
                           index(changedRows.at(j), ColumnCount - 1, indexFor(node)));
        i = j + 1;
    }

    removeRows(node, diff.removedRows);

    // New rows go in batches; an older listing's rows still waiting are superseded.
    node->folder->pending = diff.added;
    node->folder->pendingNext = 0;
    node->folder->namesAddedByAppAtDiff = node->folder->namesAddedByApp;
    node->folder->byName.reserve(qsizetype(node->folder->children.size())
                                 + node->folder->pending.size());
    node->folder->children.reserve(node->folder->children.size()
                                   + size_t(node->folder->pending.size()));
    node->folder->refreshing = false;
    if (node->hasPending()) {
        if (!m_batchQueue.contains(node->spec.path))
            m_batchQueue.append(node->spec.path);
        m_batchTimer.start();
        notifyFolderChanged(node, {LoadingRole});
    } else {
        finishListing(node);
    }
}

void RemoteTreeModel::removeRows(RemoteNode *node, const QList<int> &ascendingRows)
{
    if (ascendingRows.isEmpty())
        return;
    const QModelIndex parentIndex = indexFor(node);
    // From the end, one contiguous range at a time, so the rows still to go keep their numbers.
    for (qsizetype i = ascendingRows.size() - 1; i >= 0;) {
        const int last = ascendingRows.at(i);
        int first = last;
        while (i > 0 && ascendingRows.at(i - 1) == first - 1) {
            --i;
            --first;
        }
        --i;
        beginRemoveRows(parentIndex, first, last);
        for (int row = first; row <= last; ++row) {
            const RemoteNode *child = node->folder->children[size_t(row)].get();
            node->folder->byName.remove(child->spec.name);
            node->count(child->spec, -1);
            // A listing of something inside is of no use any more.
            const RemotePath gone = child->spec.path;
            m_loading.removeIf(
                [&gone](const RemotePath &p) { return p == gone || gone.isAncestorOf(p); });
        }
        node->folder->children.erase(node->folder->children.begin() + first,
                                     node->folder->children.begin() + last + 1);
        node->renumber(first);
        ++node->folder->revision;
        endRemoveRows();
    }
    notifyFolderChanged(node, {Qt::DisplayRole, ChildCountRole});
}

void RemoteTreeModel::insertNodes(RemoteNode *node, QList<FileSpec> specs)
{
    if (specs.isEmpty())
        return;
    const int first = int(node->folder->children.size());
    beginInsertRows(indexFor(node), first, first + int(specs.size()) - 1);
    node->folder->children.reserve(node->folder->children.size() + size_t(specs.size()));
    for (FileSpec &spec : specs) {
        auto child = std::make_unique<RemoteNode>(std::move(spec), node);
        child->row = int(node->folder->children.size());
        node->folder->byName.insert(child->spec.name, child.get());
        node->count(child->spec, +1);
        node->folder->children.push_back(std::move(child));
    }
    ++node->folder->revision;
    endInsertRows();
    measureNew(node, first);
}

void RemoteTreeModel::pumpBatches()
{
    while (!m_batchQueue.isEmpty()) {
        const RemotePath path = m_batchQueue.takeFirst();
        RemoteNode *node = findNode(path);
        if (!node || !node->hasPending())
            continue;
        // Every batch costs each attached view a layout of all the folder's rows (QTreeView
        // walks them all, ~150 ns each), so a huge folder in small batches costs O(n²): a
        // million rows in batches of 200 took 207 s. Batches are at least n²/kRowWalkBudget
        // rows, so that the views walk at most ~kRowWalkBudget rows in all while a folder
        // fills: no floor at 100,000 rows (its batches stay small, one frame each), batches of
        // 66,000 at a million (each then stalls, but the folder is there in seconds).
        const qint64 rows = qint64(node->folder->children.size()) + node->folder->pending.size();
        const qsizetype size = qsizetype(qMax<qint64>(m_batchSize, rows * rows / kRowWalkBudget));
        QList<FileSpec> batch;
        batch.reserve(qMin(size, node->folder->pending.size()));
        const bool appAddedNames
            = node->folder->namesAddedByApp != node->folder->namesAddedByAppAtDiff;
        while (batch.size() < size && node->hasPending()) {
            // Moved, not copied: what went in leaves the queue below.
            FileSpec &spec = node->folder->pending[node->folder->pendingNext++];
            // Already there (the app added it meanwhile) or just deleted by the app.
            const auto expectation = node->folder->expectations.constFind(spec.name);
            const bool deleted = expectation != node->folder->expectations.cend()
                && !expectation->present && !expectation->until.hasExpired();
            if (!deleted && (!appAddedNames || !node->folder->byName.contains(spec.name)))
                batch.append(std::move(spec));
        }
        QElapsedTimer timer;
        timer.start();
        const qsizetype inserted = batch.size();
        insertNodes(node, std::move(batch));
        adaptBatchSize(timer.nsecsElapsed() / 1000, inserted);
        // What went in leaves the queue, and the queue shrinks as it empties: otherwise a
        // million waiting entries (~130 MB) stay allocated until the last batch.
        node->folder->pending.remove(0, node->folder->pendingNext);
        node->folder->pendingNext = 0;
        if (node->folder->pending.capacity() > 2 * node->folder->pending.size() + 1024)
            node->folder->pending.squeeze();
        if (node->hasPending()) {
            m_batchQueue.append(path); // round robin between folders that arrive together
        } else {
            node->folder->pending.clear();
            node->folder->pendingNext = 0;
            finishListing(node);
        }
        break;
    }
    if (!m_batchQueue.isEmpty())
        m_batchTimer.start();
    updateBusy();
}

void RemoteTreeModel::adaptBatchSize(qint64 micros, qsizetype rows)
{
    if (micros > 10'000)
        qCDebug(lcModels) << "a batch of" << rows << "rows took" << micros / 1000 << "ms";
    if (m_batchBudgetMs <= 0 || rows < m_batchSize)
        return;
    // Each turn of the event loop does about the budget's worth of rows: fewer, larger batches
    // when rows are cheap (less work for proxies and views), smaller ones when the views
    // attached make them dear, so the window never waits long.
    const qint64 budget = qint64(m_batchBudgetMs) * 1000;
    if (micros > budget * 3 / 2)
        m_batchSize = qMax(kMinBatch, m_batchSize / 2);
    else if (micros < budget / 2)
        m_batchSize = qMin(kMaxBatch, m_batchSize * 2);
}

void RemoteTreeModel::finishListing(RemoteNode *node)
{
    node->folder->state = RemoteNode::State::Listed;
    node->folder->refreshing = false;
    notifyFolderChanged(node,
                        {LoadingRole, ListedRole, ErrorRole, ChildCountRole, Qt::DisplayRole,
                         Qt::DecorationRole, Qt::ToolTipRole});
    qCDebug(lcModels) << "all rows of" << node->spec.path.absolute() << "are in";
    Q_EMIT folderLoaded(node->spec.path);
    continueReveal();
}

void RemoteTreeModel::onListFailed(const RemotePath &folder, const ApiError &error)
{
    m_loading.remove(folder);
    RemoteNode *node = findNode(folder);
    if (node && node->isDir()) {
        node->folder->error = error.message();
        node->folder->refreshing = false;
        if (node->folder->state == RemoteNode::State::Loading && !node->hasPending())
            node->folder->state = RemoteNode::State::Failed; // never a silent empty folder
        notifyFolderChanged(node, {LoadingRole, ErrorRole, Qt::DecorationRole, Qt::ToolTipRole});
        Q_EMIT folderFailed(folder, node->folder->error);
        continueReveal();
    }
    updateBusy();
}

void RemoteTreeModel::onFolderGone(const RemotePath &folder)
{
    m_loading.remove(folder);
    RemoteNode *node = findNode(folder);
    if (node && node->parent && node->parent != m_invisibleRoot.get()) {
        qCInfo(lcModels) << folder.absolute() << "is gone";
        removeRows(node->parent, {node->row});
        Q_EMIT folderGone(folder);
        continueReveal();
    }
    updateBusy();
}

void RemoteTreeModel::revealPath(const RemotePath &path)
{
    m_reveal = path;
    m_revealRelisted.clear();
    continueReveal();
}

void RemoteTreeModel::continueReveal()
{
    if (!m_reveal)
        return;
    const RemotePath target = *m_reveal;
    auto fail = [this, target](const QString &message) {
        m_reveal.reset();
        Q_EMIT revealFailed(target, message);
    };
    RemoteNode *node = m_invisibleRoot->folder->children.front().get();
    const QStringList segments = target.relative().split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &segment : segments) {
        if (!node->isDir())
            return fail(tr("%1 is a file, not a folder.").arg(node->spec.path.absolute()));
        RemoteNode *child = node->child(segment);
        if (child) {
            node = child;
            continue;
        }
        const RemotePath here = node->spec.path;
        if (m_loading.contains(here) || node->hasPending())
            return; // wait for the listing in flight
        if (!m_revealRelisted.contains(here)) {
            // What we have may be old: ask once more before saying it is not there.
            m_revealRelisted.insert(here);
            startListing(node);
            return;
        }
        if (node->folder->state == RemoteNode::State::Failed || !node->folder->error.isEmpty())
            return fail(node->folder->error);
        return fail(tr("There is no “%1” in %2.").arg(segment, here.absolute()));
    }
    m_reveal.reset();
    Q_EMIT pathRevealed(target);
}
