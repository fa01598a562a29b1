// SyncRunner, after its uploads: the server's time of every file it uploaded, for the records.
#include "network/api/ListJob.h"
#include "network/sync/SyncLog.h"
#include "network/sync/SyncRunner.h"
#include "network/sync/SyncStateStore.h"

#include <QSet>

// A file's record pairs its local size and time with the server's. Recorded without the server's
// time, the next sync could not tell a same-size change made on the server meanwhile from our
// own upload. So the folders the uploads went to are listed once, now, while the files there are
// surely the ones just verified; a file whose listing fails or differs in size keeps -1 and is
// compared by checksum next time.
void SyncRunner::readUploadedTimes()
{
    QSet<QString> folders;
    for (auto it = m_uploaded.cbegin(); it != m_uploaded.cend(); ++it) {
        const qsizetype slash = it.key().lastIndexOf(QLatin1Char('/'));
        folders.insert(slash < 0 ? QString() : it.key().left(slash));
    }
    Q_EMIT stageChanged(QStringLiteral("reading the server's times"));
    m_listingsLeft = int(folders.size());
    const RemotePath &root = m_plan.options.remoteRoot;
    for (const QString &folder : std::as_const(folders)) {
        const std::optional<RemotePath> path = folder.isEmpty()
            ? std::optional<RemotePath>(root)
            : RemotePath::parse(root.isRoot() ? folder
                                              : root.relative() + QLatin1Char('/') + folder);
        if (!path) {
            --m_listingsLeft;
            continue;
        }
        auto *job = new ListJob(m_client, *path, this);
        connect(job, &Job::finished, this, [this, job, folder] {
            job->deleteLater();
            if (isFinished())
                return;
            if (job->succeeded()) {
                for (const FileSpec &spec : job->entries()) {
                    const QString path
                        = folder.isEmpty() ? spec.name : folder + QLatin1Char('/') + spec.name;
                    const auto uploaded = m_uploaded.constFind(path);
                    if (uploaded != m_uploaded.cend() && spec.isFile && spec.size == uploaded->size
                        && spec.updated.isValid())
                        m_records.insert(path,
                                         {uploaded->size, uploaded->localMtimeMs, spec.size,
                                          spec.updated.toMSecsSinceEpoch()});
                }
            } else {
                qCInfo(lcSync).noquote()
                    << "could not read the server's times in" << job->folder().absolute() << ":"
                    << job->error().message();
            }
            if (--m_listingsLeft == 0) {
                flushRecords();
                afterTransfers();
            }
        });
        job->start();
    }
    if (m_listingsLeft == 0)
        afterTransfers();
}
