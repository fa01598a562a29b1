#include "models/FolderSizeCache.h"

#include "models/ModelsLog.h"
#include "network/api/RemoteWalker.h"

FolderSizeCache::FolderSizeCache(FilesClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

FolderSizeCache::~FolderSizeCache()
{
    for (const QPointer<RemoteWalker> &walker : std::as_const(m_running)) {
        if (walker)
            walker->cancel(Job::CancelMode::Quietly);
    }
}

FolderSizeCache::Entry FolderSizeCache::entry(const RemotePath &folder) const
{
    Entry entry;
    const auto known = m_known.constFind(folder);
    if (known != m_known.cend()) {
        entry.known = known->error.isEmpty();
        entry.size = known->size;
        entry.error = known->error;
    }
    entry.waiting = m_waiting.contains(folder);
    if (const RemoteWalker *walker = m_running.value(folder)) {
        entry.measuring = true;
        entry.soFar
            = {walker->fileCount(), qMax(0, walker->folderCount() - 1), walker->totalBytes()};
    }
    return entry;
}

void FolderSizeCache::request(const RemotePath &folder)
{
    if (m_running.contains(folder) || m_waiting.contains(folder))
        return;
    const auto known = m_known.constFind(folder);
    // A failure is not asked again on every repaint: it waits, as a size does, for its age.
    if (known != m_known.cend() && !known->measuredAt.hasExpired(m_maxAgeMs))
        return;
    m_waiting.enqueue(folder);
    Q_EMIT sizeChanged(folder);
    pump();
}

void FolderSizeCache::setFocus(const RemotePath &folder)
{
    if (m_focus == folder)
        return;
    m_focus = folder;
    QList<RemotePath> left;
    for (const RemotePath &path : std::as_const(m_waiting)) {
        if (path.parent() != folder || path.isRoot())
            left << path;
    }
    for (auto it = m_running.cbegin(); it != m_running.cend(); ++it) {
        if (it.key().parent() != folder || it.key().isRoot())
            left << it.key();
    }
    for (const RemotePath &path : std::as_const(left)) {
        stop(path);
        Q_EMIT sizeChanged(path);
    }
    pump();
}

void FolderSizeCache::stop(const RemotePath &folder)
{
    m_waiting.removeAll(folder);
    const QPointer<RemoteWalker> walker = m_running.take(folder);
    if (walker) {
        ++m_walksCancelled;
        qCDebug(lcModels) << "folder size: stopped measuring" << folder.absolute();
        walker->cancel(Job::CancelMode::Quietly);
        walker->deleteLater();
    }
}

void FolderSizeCache::invalidate(const RemotePath &path)
{
    qCDebug(lcModels) << "folder size: forgetting what holds" << path.absolute();
    QList<RemotePath> gone;
    auto affected = [&path](const RemotePath &other) {
        return other == path || path.isAncestorOf(other) || other.isAncestorOf(path);
    };
    for (auto it = m_known.begin(); it != m_known.end();) {
        if (affected(it.key())) {
            gone << it.key();
            it = m_known.erase(it);
        } else {
            ++it;
        }
    }
    QList<RemotePath> busy(m_waiting.cbegin(), m_waiting.cend());
    busy << m_running.keys();
    for (const RemotePath &other : std::as_const(busy)) {
        if (affected(other)) {
            stop(other); // it may have counted what is no longer there
            gone << other;
        }
    }
    for (const RemotePath &folder : std::as_const(gone))
        Q_EMIT sizeChanged(folder);
    pump();
}

void FolderSizeCache::clear()
{
    const QList<RemotePath> known = m_known.keys();
    QList<RemotePath> busy(m_waiting.cbegin(), m_waiting.cend());
    busy << m_running.keys();
    for (const RemotePath &folder : std::as_const(busy))
        stop(folder);
    m_known.clear();
    m_focus.reset();
    for (const RemotePath &folder : known + busy)
        Q_EMIT sizeChanged(folder);
}

void FolderSizeCache::pump()
{
    while (!m_waiting.isEmpty() && m_running.size() < m_maxWalks) {
        const RemotePath folder = m_waiting.dequeue();
        auto *walker = new RemoteWalker(m_client, folder, this);
        walker->setKeepFiles(false);
        walker->setListingsInFlight(m_listingsPerWalk);
        m_running.insert(folder, walker);
        ++m_walksStarted;
        qCDebug(lcModels) << "folder size: measuring" << folder.absolute();
        connect(walker, &RemoteWalker::progress, this, [this, folder] { Q_EMIT progress(folder); });
        connect(walker, &Job::finished, this, [this, folder, walker] { walkDone(folder, walker); });
        walker->start();
        Q_EMIT sizeChanged(folder);
    }
}

void FolderSizeCache::walkDone(const RemotePath &folder, RemoteWalker *walker)
{
    walker->deleteLater();
    if (m_running.value(folder) != walker)
        return; // stopped and asked again meanwhile
    m_running.remove(folder);
    Known known;
    known.measuredAt.start();
    if (walker->succeeded()) {
        known.size
            = {walker->fileCount(), qMax(0, walker->folderCount() - 1), walker->totalBytes()};
    } else {
        known.error = walker->error().message();
        if (known.error.isEmpty())
            known.error = tr("The folder could not be measured");
        qCDebug(lcModels) << "folder size failed:" << folder.absolute() << known.error;
    }
    m_known.insert(folder, known);
    Q_EMIT sizeChanged(folder);
    pump();
}
