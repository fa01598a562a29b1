#include "RemoteWalker.h"

#include "ListJob.h"

namespace {
constexpr int kListingsInFlight = 4;
}

RemoteWalker::RemoteWalker(FilesClient *client, const RemotePath &root, QObject *parent)
    : QObject(parent), m_client(client), m_root(root)
{
}

void RemoteWalker::start()
{
    m_pending.enqueue(m_root);
    QMetaObject::invokeMethod(this, &RemoteWalker::pump, Qt::QueuedConnection);
}

void RemoteWalker::cancel()
{
    finish(ApiError::make(ApiError::Kind::Cancelled, QString()));
}

void RemoteWalker::pump()
{
    if (m_finished)
        return;
    while (!m_pending.isEmpty() && m_running.size() < kListingsInFlight) {
        auto *job = new ListJob(m_client, m_pending.dequeue(), this);
        m_running.append(job);
        connect(job, &ApiJob::finished, this, [this, job] {
            m_running.removeAll(job);
            if (m_finished)
                return;
            if (!job->succeeded()) {
                finish(job->error());
                return;
            }
            ++m_folderCount;
            if (job->entries().isEmpty() && job->folder() != m_root)
                m_emptyFolders.append(job->folder());
            for (const FileSpec &spec : job->entries()) {
                if (spec.isDir()) {
                    m_pending.enqueue(spec.path);
                } else {
                    m_files.append(spec);
                    m_totalBytes += spec.size;
                }
            }
            Q_EMIT progress(int(m_files.size()), m_totalBytes);
            if (m_pending.isEmpty() && m_running.isEmpty())
                finish(ApiError());
            else
                pump();
        });
        job->start();
    }
}

void RemoteWalker::finish(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    for (const QPointer<ListJob> &job : std::as_const(m_running)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
    m_running.clear();
    Q_EMIT finished(this);
}
