#pragma once

#include "network/transfer/TransferTask.h"

#include <QPointer>

class DownloadJob;

// Downloads one remote file to the item's local path (DownloadJob does the bytes; this adds the
// conflict answer and the journal).
class DownloadTask : public TransferTask
{
    Q_OBJECT
public:
    using TransferTask::TransferTask;
    ~DownloadTask() override;

    void discard() override;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void download();
    QPointer<DownloadJob> m_job;
};
