#include "network/api/RemoteWalker.h"

#include "network/api/ListJob.h"

RemoteWalker::RemoteWalker(FilesClient *client, const RemotePath &root, QObject *parent)
    : Job(parent), m_client(client), m_root(root)
{
}

void RemoteWalker::doStart()
{
    m_seen.insert(m_root);
    m_pending.enqueue(m_root);
    QMetaObject::invokeMethod(this, &RemoteWalker::pump, Qt::QueuedConnection);
}

void RemoteWalker::doCancel()
{
    finish(ApiError::make(ApiError::Kind::Cancelled, QString()));
}

void RemoteWalker::pump()
{
    if (isFinished())
        return;
    while (!m_pending.isEmpty() && m_running.size() < m_listingsInFlight) {
        auto *job = new ListJob(m_client, m_pending.dequeue(), this);
        m_running.append(job);
        connect(job, &ApiJob::finished, this, [this, job] {
            m_running.removeAll(job);
            if (isFinished())
                return;
            if (!job->succeeded()) {
                finish(job->error());
                return;
            }
            ++m_folderCount;
            for (const QString &why : job->skipped())
                m_skipped << why;
            if (job->entries().isEmpty() && job->folder() != m_root)
                m_emptyFolders.append(job->folder());
            // A server may answer without end (a folder in every folder, the same folder again
            // under another name): the walk has a depth, a size and a memory of where it was.
            const int depth = depthOf(job->folder()) + 1;
            for (const FileSpec &spec : job->entries()) {
                if (++m_entries > kMaxEntries) {
                    finish(ApiError::make(
                        ApiError::Kind::Protocol,
                        QStringLiteral("%1 holds more than %2 entries; the walk was stopped")
                            .arg(m_root.absolute(), QString::number(kMaxEntries))));
                    return;
                }
                if (spec.isDir()) {
                    if (depth >= kMaxDepth) {
                        finish(ApiError::make(
                            ApiError::Kind::Protocol,
                            QStringLiteral("%1 is more than %2 folders deep; the walk was stopped")
                                .arg(m_root.absolute(), QString::number(kMaxDepth))));
                        return;
                    }
                    if (m_seen.contains(spec.path)) {
                        m_skipped
                            << QStringLiteral("%1 was listed twice").arg(spec.path.absolute());
                        continue;
                    }
                    m_seen.insert(spec.path);
                    m_pending.enqueue(spec.path);
                } else {
                    if (m_keepFiles)
                        m_files.append(spec);
                    ++m_fileCount;
                    m_totalBytes += spec.size;
                }
            }
            Q_EMIT progress(m_fileCount, m_totalBytes);
            if (m_pending.isEmpty() && m_running.isEmpty())
                finish(ApiError());
            else
                pump();
        });
        job->start();
    }
}

int RemoteWalker::depthOf(const RemotePath &folder) const
{
    if (folder == m_root)
        return 0;
    const QString below = folder.relative().mid(m_root.isRoot() ? 0 : m_root.relative().size() + 1);
    return int(below.count(QLatin1Char('/'))) + 1;
}

void RemoteWalker::finish(const ApiError &error)
{
    if (isFinished())
        return;
    for (const QPointer<ListJob> &job : std::as_const(m_running)) {
        if (job)
            job->cancel(CancelMode::Quietly);
    }
    m_running.clear();
    finishWith(error);
}
