#include "network/transfer/UploadTask.h"

#include "network/api/FilesClient.h"
#include "network/api/ListJob.h"
#include "network/api/MultipartCancelJob.h"
#include "network/api/SimpleUploadJob.h"
#include "network/api/StatJob.h"
#include "network/io/TransferWorkers.h"
#include "network/io/ZipWriter.h"
#include "network/text/TextFormat.h"
#include "network/transfer/MultipartUploadJob.h"
#include "network/transfer/PartPlanner.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/UniqueName.h"

#include <QFileInfo>
#include <QSet>
#include <QtConcurrent>

UploadTask::~UploadTask()
{
    stopJobs();
}

void UploadTask::stopJobs()
{
    cancelTrackedJobs();
    if (m_multipart) {
        m_multipart->cancel(CancelMode::Quietly);
        m_multipart->deleteLater();
    }
    if (m_localHash) {
        m_localHash->disconnect(this);
        m_localHash->waitForFinished();
        m_localHash->deleteLater();
        m_localHash = nullptr;
    }
}

void UploadTask::doStart()
{
    const QFileInfo info(m_item->localPath);
    if (info.isDir()) {
        makeFolder();
        return;
    }
    if (!info.exists()) {
        finishItem(ApiError::make(ApiError::Kind::Local,
                                  QStringLiteral("%1 no longer exists").arg(m_item->localPath)));
        return;
    }
    if (m_item->multipart.isStarted() || m_item->conflictPolicy == ConflictPolicy::Overwrite)
        upload();
    else if (m_item->conflictPolicy == ConflictPolicy::KeepBoth)
        pickFreeName(QStringLiteral("uploading"), [this] { upload(); });
    else
        checkConflict();
}

void UploadTask::checkConflict()
{
    auto *stat = new StatJob(m_context.client, m_item->remotePath, false, this);
    track(stat);
    connect(stat, &ApiJob::finished, this, [this, stat] {
        if (stat->succeeded()) {
            askAboutConflict(stat->spec().isFile ? stat->spec().size : -1);
        } else if (stat->error().kind == ApiError::Kind::NotFound) {
            upload();
        } else {
            finishItem(stat->error());
        }
    });
    stat->start();
}

void UploadTask::upload()
{
    // The Platform surface has no multipart: every file is one POST there, not resumable.
    if (PartPlanner::usesMultipart(m_item->size)
        && m_context.client->surface().supports(ApiSurface::Operation::Multipart))
        uploadMultipart();
    else
        uploadSmall();
}

void UploadTask::uploadSmall()
{
    // Our SHA-256 is computed while the bytes travel; the server's is asked for afterwards. A
    // surface without checksums (Platform v1) is checked by size alone: nothing to hash for.
    if (m_context.client->surface().supports(ApiSurface::Operation::Checksum)) {
        m_localHash = new QFutureWatcher<FileHasher::Result>(this);
        m_localHash->setFuture(
            QtConcurrent::run(TransferWorkers::pool(), [path = m_item->localPath] {
                return FileHasher::hashFile(path, QCryptographicHash::Sha256);
            }));
    }
    auto *job = new SimpleUploadJob(m_context.client, m_item->localPath, m_item->remotePath,
                                    m_item->size, this);
    track(job);
    connect(job, &SimpleUploadJob::progress, this,
            [this](qint64 sent, qint64) { setBytesDone(sent); });
    connect(job, &ApiJob::finished, this, [this, job] {
        if (!job->succeeded()) {
            finishItem(job->error());
            return;
        }
        setBytesDone(m_item->size);
        verifySmall();
    });
    job->start();
}

void UploadTask::verifySmall()
{
    auto *stat = new StatJob(m_context.client, m_item->remotePath, m_localHash != nullptr, this);
    track(stat);
    connect(stat, &ApiJob::finished, this, [this, stat] {
        if (!stat->succeeded()) {
            finishItem(stat->error());
            return;
        }
        FileHasher::Result local;
        if (m_localHash) {
            m_localHash->waitForFinished(); // a file of <= 10 MiB: already hashed by now
            local = m_localHash->result();
            if (!local.error.isEmpty()) {
                finishItem(ApiError::make(ApiError::Kind::Local, local.error));
                return;
            }
        }
        const FileSpec &remote = stat->spec();
        if (remote.size != m_item->size
            || (m_localHash && !remote.checksumSha256.isEmpty()
                && remote.checksumSha256 != local.hex)) {
            finishItem(ApiError::make(
                ApiError::Kind::Integrity,
                QStringLiteral("the server's copy of %1 does not match the local file")
                    .arg(m_item->remotePath.absolute())));
            return;
        }
        finishItem(ApiError());
    });
    stat->start();
}

void UploadTask::uploadMultipart()
{
    auto *job
        = new MultipartUploadJob(m_context.client, m_item->localPath, m_item->remotePath, this);
    m_multipart = job;
    job->setResumeState(m_item->multipart);
    job->setExpectedFile(m_item->size, m_item->localModified);
    job->setPartBudget(m_context.parts);
    job->setMaxPartsInFlight(m_context.partsPerFile);
    if (m_item->multipart.isStarted())
        note(TextFormat::plural("UploadTask",
                                QT_TRANSLATE_N_NOOP("UploadTask",
                                                    "resuming upload %1 with %n "
                                                    "part(s) already stored"),
                                int(m_item->multipart.parts.size()))
                 .arg(m_item->multipart.uploadId));
    connect(job, &MultipartUploadJob::initiated, this,
            [this, job](const QString &uploadId, qint64 partSize) {
                m_item->multipart.uploadId = uploadId;
                m_item->multipart.partSize = partSize;
                m_item->multipart.parts.clear();
                m_item->size = job->fileSize();
                if (m_context.journal)
                    m_context.journal->clearParts(m_item->id);
                saveItem();
            });
    connect(job, &MultipartUploadJob::partDone, this, [this](int n, const QString &etag) {
        m_item->multipart.parts.insert(n, etag);
        if (m_context.journal)
            m_context.journal->recordPart(m_item->id, n, etag);
    });
    connect(job, &MultipartUploadJob::contentMd5Known, this, [this](const QString &md5) {
        m_item->multipart.contentMd5 = md5;
        saveItem();
    });
    connect(job, &MultipartUploadJob::restarted, this, [this](const QString &reason) {
        const QFileInfo info(m_item->localPath);
        m_item->multipart = MultipartState();
        m_item->size = info.size();
        m_item->localModified = info.lastModified().toUTC();
        if (m_context.journal)
            m_context.journal->clearParts(m_item->id);
        note(reason);
    });
    connect(job, &MultipartUploadJob::progress, this,
            [this](qint64 done, qint64) { setBytesDone(done); });
    connect(job, &Job::finished, this, [this, job] {
        job->deleteLater();
        if (job->succeeded()) {
            m_item->multipart = MultipartState(); // consumed: the server has the file
            if (m_context.journal)
                m_context.journal->clearParts(m_item->id);
        }
        finishItem(job->error());
    });
    job->start();
}

void UploadTask::makeFolder()
{
    // The API has no mkdir: a ZIP holding one directory entry, extracted by the server into the
    // parent folder, makes the folder real (see the README, "New folders").
    QString error;
    const QByteArray zip = ZipWriter::directories({m_item->remotePath.name()}, &error);
    if (zip.isEmpty()) {
        finishItem(ApiError::make(ApiError::Kind::Local, error));
        return;
    }
    auto *job = new SimpleUploadJob(m_context.client, zip, QStringLiteral("folder.zip"),
                                    m_item->remotePath.parent(), this);
    job->setUnzip(true);
    track(job);
    connect(job, &ApiJob::finished, this, [this, job] { finishItem(job->error()); });
    job->start();
}

void UploadTask::doCancel()
{
    stopJobs();
}

void UploadTask::discard()
{
    stopJobs();
    if (m_item->multipart.isStarted()) {
        (new MultipartCancelJob(m_context.client, m_item->remotePath, m_item->multipart.uploadId,
                                m_context.client))
            ->start();
        m_item->multipart = MultipartState();
        if (m_context.journal)
            m_context.journal->clearParts(m_item->id);
    }
}
