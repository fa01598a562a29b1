#include "models/FolderLister.h"

#include "models/ModelsLog.h"
#include "network/api/ListJob.h"
#include "network/api/StatJob.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QtConcurrent>

FolderLister::FolderLister(FilesClient *client, SnapshotProvider snapshots, QObject *parent)
    : QObject(parent), m_client(client), m_snapshots(std::move(snapshots))
{
}

void FolderLister::list(const RemotePath &folder)
{
    if (isListing(folder))
        return;
    auto *job = new ListJob(m_client, folder, this);
    m_jobs.insert(folder, job);
    connect(job, &ApiJob::finished, this, [this, job] { onListed(job); });
    qCDebug(lcModels) << "listing" << folder.absolute();
    job->start();
}

void FolderLister::cancelAll()
{
    ++m_generation;
    const auto jobs = m_jobs;
    m_jobs.clear();
    for (const QPointer<ListJob> &job : jobs) {
        if (job)
            job->cancel();
    }
}

void FolderLister::onListed(ListJob *job)
{
    const RemotePath folder = job->folder();
    if (m_jobs.value(folder) != job)
        return; // cancelled
    m_jobs.remove(folder);
    qCDebug(lcModels) << "listed" << folder.absolute() << job->entries().size()
                      << "entries, parsed in" << job->parseMicros() / 1000 << "ms";
    if (!job->succeeded()) {
        qCInfo(lcModels) << "listing" << folder.absolute() << "failed:" << job->error().message();
        Q_EMIT failed(folder, job->error());
        return;
    }
    if (!job->skipped().isEmpty())
        Q_EMIT entriesLeftOut(folder, job->skipped());
    // The API answers [] for a folder that does not exist; ask before showing it empty.
    if (job->entries().isEmpty() && job->skipped().isEmpty() && !folder.isRoot()) {
        checkGone(folder);
        return;
    }
    startDiff(folder, job->takeEntries()); // moved: a million entries are not copied
}

void FolderLister::checkGone(const RemotePath &folder)
{
    const Snapshot snapshot = m_snapshots(folder);
    if (!snapshot.exists)
        return;
    if (snapshot.expectedByParent) {
        startDiff(folder, {}); // just made by the app: the server may not know yet
        return;
    }
    auto *stat = new StatJob(m_client, folder, false, this);
    const quint64 generation = m_generation;
    connect(stat, &ApiJob::finished, this, [this, stat, folder, generation] {
        if (generation != m_generation)
            return;
        if (stat->succeeded() && stat->spec().isDir())
            startDiff(folder, {});
        else if (stat->succeeded() || stat->error().kind == ApiError::Kind::NotFound)
            Q_EMIT gone(folder); // missing, or a file now
        else
            Q_EMIT failed(folder, stat->error());
    });
    stat->start();
}

void FolderLister::rediff(const RemotePath &folder, const QList<FileSpec> &listed)
{
    startDiff(folder, listed);
}

void FolderLister::startDiff(const RemotePath &folder, QList<FileSpec> listed)
{
    Snapshot snapshot = m_snapshots(folder);
    if (!snapshot.exists)
        return; // the folder left the tree meanwhile
    auto *watcher = new QFutureWatcher<ListingDiff>(this);
    const quint64 generation = m_generation;
    const quint64 revision = snapshot.revision;
    connect(watcher, &QFutureWatcher<ListingDiff>::finished, this,
            [this, watcher, folder, generation, revision] {
                // Taken out of the future, so that the watcher's deferred deletion does not
                // keep a million entries alive while they are inserted.
                const ListingDiff diff = watcher->future().takeResult();
                watcher->deleteLater();
                if (generation == m_generation)
                    Q_EMIT diffReady(folder, diff, revision);
            });
    watcher->setFuture(QtConcurrent::run([current = std::move(snapshot.current),
                                          listed = std::move(listed),
                                          expectations = std::move(snapshot.expectations),
                                          order = std::move(snapshot.order), folder]() mutable {
        QElapsedTimer timer;
        timer.start();
        ListingDiff diff = ListingDiff::compute(current, std::move(listed), expectations, order);
        qCDebug(lcModels) << "diffed" << folder.absolute() << "in" << timer.elapsed()
                          << "ms:" << diff.added.size() << "added," << diff.removedRows.size()
                          << "removed," << diff.changed.size() << "changed";
        return diff;
    }));
}
