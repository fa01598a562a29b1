// MultipartUploadJob, second half: the checks that make "done" mean the server holds this very
// file: the MD5 pass beside the upload, the local file unchanged at the end, the server's etag
// against our MD5, and, when they differ, which parts do.
#include "network/api/MultipartCompleteJob.h"
#include "network/io/TransferWorkers.h"
#include "network/text/TextFormat.h"
#include "network/transfer/MultipartUploadJob.h"
#include "network/transfer/PartPlanner.h"

#include <QFileInfo>
#include <QtConcurrent>

void MultipartUploadJob::startHashing()
{
    // One sequential MD5 pass over the file, beside the upload, for the check after complete.
    // (Each part's etag is not checked against its own MD5 as it arrives: that would hash every
    // byte twice and cost half the client's CPU; TCP/TLS already guard the parts, and the whole-
    // file check below catches any difference, naming the parts that differ.)
    m_wholeMd5.clear();
    m_hashCancel = std::make_shared<std::atomic_bool>(false);
    m_hashWatcher = new QFutureWatcher<FileHasher::Result>(this);
    QFutureWatcher<FileHasher::Result> *watcher = m_hashWatcher;
    connect(watcher, &QFutureWatcher<FileHasher::Result>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (watcher == m_hashWatcher)
            onHashFinished();
    });
    watcher->setFuture(
        QtConcurrent::run(TransferWorkers::pool(), [path = m_localPath, cancel = m_hashCancel] {
            return FileHasher::hashFile(path, QCryptographicHash::Md5, cancel.get());
        }));
}

void MultipartUploadJob::onHashFinished()
{
    const FileHasher::Result result = m_hashWatcher->result();
    m_hashWatcher = nullptr;
    if (!result.error.isEmpty()) {
        if (!m_hashCancel->load())
            finish(ApiError::make(ApiError::Kind::Local, result.error));
        return;
    }
    if (localFileChanged()) {
        restart(QStringLiteral("%1 changed while it was being uploaded; starting it over")
                    .arg(m_localPath));
        return;
    }
    m_wholeMd5 = result.hex;
    if (m_state.contentMd5 != m_wholeMd5) {
        m_state.contentMd5 = m_wholeMd5;
        Q_EMIT contentMd5Known(m_wholeMd5);
    }
    if (m_phase == Phase::AwaitingHash) {
        askForStoredParts();
        return;
    }
    maybeComplete();
}

bool MultipartUploadJob::localFileChanged() const
{
    const QFileInfo info(m_localPath);
    return !info.exists() || info.size() != m_size || info.lastModified().toUTC() != m_modified;
}

void MultipartUploadJob::maybeComplete()
{
    if (!isRunning() || m_phase != Phase::SendingParts || m_wholeMd5.isEmpty()
        || !m_inFlight.isEmpty())
        return;
    const int count = partCount();
    for (int n = 1; n <= count; ++n) {
        if (!m_state.parts.contains(n))
            return;
    }
    // The bytes were hashed and sent over minutes: make sure the file did not change meanwhile.
    if (localFileChanged()) {
        restart(QStringLiteral("%1 changed while it was being uploaded; starting it over")
                    .arg(m_localPath));
        return;
    }
    complete();
}

void MultipartUploadJob::complete()
{
    auto *job = new MultipartCompleteJob(m_client, m_target, m_state.uploadId, m_state.parts, this);
    m_completeJob = job;
    m_phase = Phase::Completing;
    connect(job, &ApiJob::finished, this, [this, job] {
        m_completeJob = nullptr;
        if (isFinished())
            return;
        if (!job->succeeded()) {
            if (job->error().kind == ApiError::Kind::NotFound)
                restart(QStringLiteral("the server no longer knows upload %1; starting over")
                            .arg(m_state.uploadId));
            else
                finish(job->error());
            return;
        }
        if (job->etag() != m_wholeMd5) {
            reportMismatch(job->etag());
            return;
        }
        finish(ApiError());
    });
    job->start();
}

// The whole file's etag differs from our MD5: find which parts differ (a second pass, only in
// this rare case) so the message can say it, then fail loudly. Never "done".
void MultipartUploadJob::reportMismatch(const QString &serverEtag)
{
    m_phase = Phase::Verifying;
    auto *watcher = new QFutureWatcher<FileHasher::PartsResult>(this);
    connect(
        watcher, &QFutureWatcher<FileHasher::PartsResult>::finished, this,
        [this, watcher, serverEtag] {
            const FileHasher::PartsResult local = watcher->result();
            watcher->deleteLater();
            QStringList differing;
            for (int n = 1; n <= local.partMd5s.size(); ++n) {
                if (m_state.parts.value(n) != local.partMd5s.at(n - 1))
                    differing << QString::number(n);
            }
            // "; part 3 differs", "; parts 3, 7 differ": the English translation gives the forms.
            const QString parts = differing.isEmpty()
                ? QString()
                : TextFormat::plural(
                      "MultipartUploadJob",
                      QT_TRANSLATE_N_NOOP("MultipartUploadJob", "; part(s) %1 differ(s)"),
                      int(differing.size()))
                      .arg(differing.join(QStringLiteral(", ")));
            finish(ApiError::make(ApiError::Kind::Integrity,
                                  QStringLiteral("the server's copy of %1 does not match the local "
                                                 "file (server MD5 %2, local MD5 %3%4)")
                                      .arg(m_target.absolute(), serverEtag, m_wholeMd5, parts)));
        });
    watcher->setFuture(QtConcurrent::run(TransferWorkers::pool(),
                                         [path = m_localPath, partSize = m_state.partSize] {
                                             return FileHasher::hashParts(path, partSize);
                                         }));
}
