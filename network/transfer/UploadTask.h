#pragma once

#include "network/io/FileHasher.h"
#include "network/transfer/TransferTask.h"

#include <QFutureWatcher>
#include <QPointer>

class ApiJob;
class MultipartUploadJob;

// Uploads one local file (or creates one empty folder) at the item's remote path.
//   conflict check (unless resuming or already answered) ─► small file: one POST, then the
//   server's SHA-256 compared with ours ─► large file: MultipartUploadJob, resumable.
class UploadTask : public TransferTask
{
    Q_OBJECT
public:
    using TransferTask::TransferTask;
    ~UploadTask() override;

    void discard() override;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void checkConflict();
    void upload();
    void uploadSmall();
    void verifySmall();
    void uploadMultipart();
    void makeFolder();
    void stopJobs();

    QPointer<MultipartUploadJob> m_multipart;
    QFutureWatcher<FileHasher::Result> *m_localHash = nullptr;
    QString m_localSha256;
};
