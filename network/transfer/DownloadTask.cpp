#include "network/transfer/DownloadTask.h"

#include "network/api/DownloadJob.h"
#include "network/transfer/UniqueName.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

DownloadTask::~DownloadTask()
{
    cancel(CancelMode::Quietly);
}

void DownloadTask::doStart()
{
    const QFileInfo target(m_item->localPath);
    const bool resuming = !m_item->validator.isEmpty()
        && QFileInfo::exists(DownloadJob::tempPathFor(m_item->localPath));
    if (target.exists() && !resuming) {
        if (target.isDir()) {
            finishItem(ApiError::make(
                ApiError::Kind::Local,
                QStringLiteral("%1 is a folder; a file cannot replace it").arg(m_item->localPath)));
            return;
        }
        if (m_item->conflictPolicy == ConflictPolicy::Ask) {
            askAboutConflict(target.size());
            return;
        }
        if (m_item->conflictPolicy == ConflictPolicy::KeepBoth) {
            const QDir dir = target.absoluteDir();
            const QString name = UniqueName::pick(target.fileName(), [&](const QString &n) {
                return dir.exists(n) || dir.exists(DownloadJob::tempPathFor(n));
            });
            m_item->localPath = dir.filePath(name);
            m_item->conflictPolicy = ConflictPolicy::Overwrite;
            note(QStringLiteral("kept both: saving as %1").arg(name));
        }
    }
    download();
}

void DownloadTask::download()
{
    auto *job = new DownloadJob(m_context.client, m_item->remotePath, m_item->localPath, this);
    m_job = job;
    job->setResumeValidator(m_item->validator);
    if (m_item->size >= 0)
        job->setExpectedSize(m_item->size);
    job->setExpectedSha256(m_item->expectedSha256);
    connect(job, &DownloadJob::validatorKnown, this, [this](const QString &etag, qint64 total) {
        // Written before the bytes it vouches for are kept, so a restart can trust them.
        m_item->validator = etag;
        if (total >= 0)
            m_item->size = total;
        saveItem();
    });
    connect(job, &DownloadJob::restarted, this, [this](const QString &reason) { note(reason); });
    connect(job, &DownloadJob::sizeChanged, this, [this](qint64 size) {
        // The file changed since it was listed: a retry (a person's choice) takes it as it is.
        m_item->size = size;
        m_item->expectedSha256.clear();
        m_item->validator.clear();
        saveItem();
    });
    connect(job, &DownloadJob::progress, this, [this](qint64 done, qint64 total) {
        if (total >= 0)
            m_item->size = total;
        setBytesDone(done);
    });
    connect(job, &DownloadJob::verifying, this,
            [this] { note(QStringLiteral("verifying the checksum")); });
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->resumedFrom() > 0 && job->succeeded())
            m_item->note = QStringLiteral("resumed at byte %1").arg(job->resumedFrom());
        if (job->succeeded())
            m_item->validator.clear();
        finishItem(job->error());
    });
    job->start();
}

void DownloadTask::doCancel()
{
    if (m_job)
        m_job->cancel(CancelMode::Quietly);
}

void DownloadTask::discard()
{
    stop();
    QFile::remove(DownloadJob::tempPathFor(m_item->localPath));
    m_item->validator.clear();
    m_item->bytesDone = 0;
}
