#include "network/transfer/MultipartUploadJob.h"

#include "network/api/FilesClient.h"
#include "network/api/MultipartCancelJob.h"
#include "network/api/MultipartCompleteJob.h"
#include "network/api/MultipartInitiateJob.h"
#include "network/api/MultipartPartJob.h"
#include "network/io/PartBufferPool.h"
#include "network/io/TransferWorkers.h"
#include "network/text/TextFormat.h"
#include "network/transfer/PartBudget.h"
#include "network/transfer/PartPlanner.h"
#include "network/transfer/TransferLog.h"

#include <QFileInfo>
#include <QTimeZone>
#include <QtConcurrent>

namespace {
constexpr int kMaxRestarts = 3;
} // namespace

MultipartUploadJob::MultipartUploadJob(FilesClient *client, const QString &localPath,
                                       const RemotePath &target, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_localPath(localPath)
    , m_target(target)
    , m_partBuffers(client->partBuffers())
{
    m_partBuffers->addUser();
}

MultipartUploadJob::~MultipartUploadJob()
{
    stopRequests();
    m_partBuffers->removeUser();
}

void MultipartUploadJob::setExpectedFile(qint64 size, const QDateTime &modified)
{
    m_expectedSize = size;
    m_expectedModified = modified;
}

void MultipartUploadJob::doStart()
{
    if (!m_budget) {
        m_ownBudget = std::make_unique<PartBudget>(m_maxInFlight);
        m_budget = m_ownBudget.get();
    }
    connect(m_budget, &PartBudget::available, this, &MultipartUploadJob::pumpParts);
    QMetaObject::invokeMethod(this, &MultipartUploadJob::startRun, Qt::QueuedConnection);
}

void MultipartUploadJob::startRun()
{
    if (isFinished())
        return;
    const QFileInfo info(m_localPath);
    if (!info.exists() || !info.isFile()) {
        finish(ApiError::make(ApiError::Kind::Local,
                              QStringLiteral("%1 no longer exists").arg(m_localPath)));
        return;
    }
    if (!info.isReadable()) {
        finish(
            ApiError::make(ApiError::Kind::Local,
                           QStringLiteral("Cannot read %1: permission denied").arg(m_localPath)));
        return;
    }
    m_size = info.size();
    m_modified = info.lastModified().toUTC();
    if (m_expectedSize >= 0 && (m_size != m_expectedSize || m_modified != m_expectedModified)) {
        const QString reason
            = QStringLiteral(
                  "%1 changed since the upload began (size or modification time); starting it over")
                  .arg(m_localPath);
        m_expectedSize = m_size;
        m_expectedModified = m_modified;
        if (m_state.isStarted()) {
            restart(reason);
            return;
        }
        Q_EMIT restarted(reason);
    }
    m_expectedSize = m_size;
    m_expectedModified = m_modified;
    if (!m_state.isStarted() || m_state.partSize <= 0) {
        m_state = MultipartState();
        m_state.partSize = PartPlanner::partSizeFor(m_size);
        if (m_state.partSize < 0) {
            finish(ApiError::make(
                ApiError::Kind::TooLarge,
                QStringLiteral("%1 is larger than the 976 GiB the fal files API can take")
                    .arg(m_localPath)));
            return;
        }
    }
    startHashing();
    emitProgress();
    if (m_state.isStarted() && !m_state.contentMd5.isEmpty()) {
        askForStoredParts();
    } else if (m_state.isStarted()) {
        // Killed before the MD5 was known: the server can name the parts it holds only for a
        // file it can identify, so nothing is sent until the hash is done and it has been asked.
        // Sending at once would repeat every part accepted after the last journal write.
        m_phase = Phase::AwaitingHash;
    } else {
        initiate();
    }
}

// Resuming: the journal knows the parts it wrote down, but a crash can fall between the server
// accepting a part and the journal recording it. With the resume extension the server tells which
// parts it holds, so such a part is not sent twice. A server without the extension answers a new
// upload id, which is cancelled at once; ours goes on from the journal.
void MultipartUploadJob::askForStoredParts()
{
    auto *job = new MultipartInitiateJob(m_client, m_target, m_state.partSize, m_size,
                                         m_state.contentMd5, this);
    m_initiateJob = job;
    m_phase = Phase::AskingStored;
    connect(job, &ApiJob::finished, this, [this, job] {
        m_initiateJob = nullptr;
        if (isFinished())
            return;
        m_phase = Phase::SendingParts;
        if (job->succeeded() && job->uploadId() == m_state.uploadId) {
            adoptStoredParts(job->storedParts());
        } else if (job->succeeded()) {
            (new MultipartCancelJob(m_client, m_target, job->uploadId(), m_client))->start();
        }
        emitProgress();
        pumpParts();
        maybeComplete();
    });
    job->start();
}

void MultipartUploadJob::adoptStoredParts(const QMap<int, QString> &stored)
{
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        if (it.key() <= partCount() && !m_state.parts.contains(it.key())) {
            m_state.parts.insert(it.key(), it.value());
            Q_EMIT partDone(it.key(), it.value());
        }
    }
}

void MultipartUploadJob::initiate()
{
    auto *job = new MultipartInitiateJob(m_client, m_target, m_state.partSize, m_size,
                                         m_state.contentMd5, this);
    m_initiateJob = job;
    m_phase = Phase::Initiating;
    connect(job, &ApiJob::finished, this, [this, job] {
        m_initiateJob = nullptr;
        if (isFinished())
            return;
        if (!job->succeeded()) {
            finish(job->error());
            return;
        }
        m_phase = Phase::SendingParts;
        m_state.uploadId = job->uploadId();
        Q_EMIT initiated(m_state.uploadId, m_state.partSize);
        // The resume extension: parts the server already holds for this very file.
        adoptStoredParts(job->storedParts());
        emitProgress();
        pumpParts();
        maybeComplete();
    });
    job->start();
}

int MultipartUploadJob::partCount() const
{
    return PartPlanner::partCount(m_size, m_state.partSize);
}

void MultipartUploadJob::pumpParts()
{
    if (!isRunning() || m_phase != Phase::SendingParts)
        return;
    const int count = partCount();
    for (int n = 1; n <= count && m_inFlight.size() < m_maxInFlight; ++n) {
        if (m_state.parts.contains(n) || m_inFlight.contains(n))
            continue;
        if (!m_budget->tryAcquire())
            return;
        auto *job
            = new MultipartPartJob(m_client, m_target, m_state.uploadId, n, m_localPath,
                                   PartPlanner::partOffset(n, m_state.partSize),
                                   PartPlanner::partLength(n, m_size, m_state.partSize), this);
        job->setAutoDelete(false);
        m_inFlight.insert(n, job);
        m_inFlightBytes.insert(n, 0);
        connect(job, &MultipartPartJob::progress, this, [this, n](qint64 sent, qint64) {
            m_inFlightBytes.insert(n, sent);
            emitProgress();
        });
        connect(job, &ApiJob::finished, this, [this, job] { onPartFinished(job); });
        if (m_state.partSize <= MultipartPartJob::kMaxBufferedPart)
            job->startBuffered();
        else
            job->start();
    }
}

void MultipartUploadJob::onPartFinished(MultipartPartJob *job)
{
    const int n = job->partNumber();
    m_inFlight.remove(n);
    m_inFlightBytes.remove(n);
    job->deleteLater();
    // Record the outcome before the slot is given back: releasing it starts the next part, which
    // must not be this one again.
    const bool accepted = !isFinished() && job->succeeded();
    if (accepted) {
        m_state.parts.insert(n, job->etag());
        m_bytesSentThisRun += job->length();
    }
    m_budget->release();
    if (isFinished())
        return;
    if (!accepted) {
        if (job->error().kind == ApiError::Kind::NotFound)
            restart(
                QStringLiteral(
                    "the server no longer knows upload %1 (expired or cancelled); starting over")
                    .arg(m_state.uploadId));
        else if (job->error().kind == ApiError::Kind::Local && localFileChanged())
            // Rewritten while a part was being read ("shorter than expected"): the file
            // changed, which is a restart, not a failure.
            restart(QStringLiteral("%1 changed while it was being uploaded; starting it over")
                        .arg(m_localPath));
        else if (job->error().kind != ApiError::Kind::Cancelled)
            finish(job->error());
        return;
    }
    Q_EMIT partDone(n, job->etag());
    emitProgress();
    pumpParts();
    maybeComplete();
}

void MultipartUploadJob::restart(const QString &reason)
{
    if (++m_restarts > kMaxRestarts) {
        finish(ApiError::make(
            ApiError::Kind::Changed,
            reason + QStringLiteral(" (gave up after %1 restarts)").arg(kMaxRestarts)));
        return;
    }
    qCInfo(lcTransfers).noquote() << reason;
    if (m_state.isStarted()) {
        // Free what the server holds for the old upload; nobody waits for the answer.
        (new MultipartCancelJob(m_client, m_target, m_state.uploadId, m_client))->start();
    }
    stopRequests();
    m_state = MultipartState();
    Q_EMIT restarted(reason);
    m_expectedSize = -1; // the new run takes the file as it is now
    QMetaObject::invokeMethod(this, &MultipartUploadJob::startRun, Qt::QueuedConnection);
}

void MultipartUploadJob::stopRequests()
{
    m_phase = Phase::Stopped; // releasing part slots below must not start new parts
    if (m_hashCancel)
        m_hashCancel->store(true);
    if (m_hashWatcher) {
        m_hashWatcher->disconnect(this);
        m_hashWatcher->waitForFinished(); // the pass checks the flag every block: milliseconds
        m_hashWatcher->deleteLater();
        m_hashWatcher = nullptr;
    }
    const auto parts = m_inFlight;
    m_inFlight.clear();
    m_inFlightBytes.clear();
    for (MultipartPartJob *job : parts) {
        job->cancel(CancelMode::Quietly);
        job->deleteLater();
        if (m_budget)
            m_budget->release();
    }
    if (m_initiateJob)
        m_initiateJob->cancel(CancelMode::Quietly);
    if (m_completeJob)
        m_completeJob->cancel(CancelMode::Quietly);
    m_initiateJob = nullptr;
    m_completeJob = nullptr;
}

void MultipartUploadJob::doCancel()
{
    finish(ApiError::make(ApiError::Kind::Cancelled, QString()));
}

void MultipartUploadJob::emitProgress()
{
    if (m_size < 0)
        return;
    qint64 done = 0;
    for (auto it = m_state.parts.cbegin(); it != m_state.parts.cend(); ++it)
        done += PartPlanner::partLength(it.key(), m_size, m_state.partSize);
    for (const qint64 bytes : std::as_const(m_inFlightBytes))
        done += bytes;
    Q_EMIT progress(qMin(done, m_size), m_size);
}

void MultipartUploadJob::finish(const ApiError &error)
{
    if (isFinished())
        return;
    stopRequests();
    if (m_budget)
        m_budget->disconnect(this);
    if (!error.isError())
        emitProgress();
    finishWith(error);
}
