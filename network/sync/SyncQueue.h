#pragma once

#include "network/transfer/TransferItem.h"

#include <QList>
#include <QObject>
#include <optional>

// Where a SyncRunner sends its transfers: the engine itself (the CLI, EngineSyncQueue) or the
// app's TransferService on its own thread. All the runner needs is to queue one batch and to
// hear how each of its items ends.
class SyncQueue : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Queues `items` as one batch named after the sync (`sources` and `destination` as the
    // transfers dock shows a job); the batch id comes back at once.
    virtual qint64 enqueue(const QList<TransferItem> &items, const QStringList &sources,
                           const QString &destination)
        = 0;
    virtual std::optional<TransferItem> item(qint64 id) const = 0;

Q_SIGNALS:
    void batchReady(qint64 batch, const QList<qint64> &ids);
    void itemChanged(qint64 id);
};
