#pragma once

#include "network/transfer/TransferTask.h"

// Has the server fetch a URL into /data. No byte progress exists; the item shows elapsed time.
class ImportTask : public TransferTask
{
    Q_OBJECT
public:
    using TransferTask::TransferTask;
    ~ImportTask() override;

protected:
    void doStart() override;
    void doCancel() override;

private:
    void import();
};
