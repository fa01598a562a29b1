#pragma once

#include "network/transfer/TransferItem.h"

#include <QList>
#include <QStringList>

class FilesClient;
class QObject;

// What TransferBatchBuilder needs of the engine while it turns a drop or a command into items,
// and nothing more: the builder sees neither the queue nor the scheduler.
class BatchSink
{
public:
    virtual ~BatchSink() = default;

    // The scans and walks of a batch are its children: they end with it.
    virtual QObject *batchOwner() = 0;
    virtual FilesClient *batchClient() const = 0; // lists remote folders
    virtual bool followsLinksOut() const = 0; // see LocalScanner::Options
    // A batch is being scanned or walked: it is not finished, though it has no items yet.
    virtual void batchStarted(qint64 batch) = 0;
    // One source of the batch could not be listed; the rest goes on.
    virtual void batchSourceFailed(qint64 batch, const QString &error) = 0;
    // Everything is known: the items join the queue, and the batch is announced with `notes`.
    virtual void batchBuilt(qint64 batch, const QList<TransferItem> &items,
                            const QStringList &notes)
        = 0;
};
