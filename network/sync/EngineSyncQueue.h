#pragma once

#include "network/sync/SyncQueue.h"

class TransferEngine;

// A SyncQueue on a TransferEngine of the same thread (the CLI's).
class EngineSyncQueue : public SyncQueue
{
    Q_OBJECT
public:
    explicit EngineSyncQueue(TransferEngine *engine, QObject *parent = nullptr);

    qint64 enqueue(const QList<TransferItem> &items, const QStringList &sources,
                   const QString &destination) override;
    std::optional<TransferItem> item(qint64 id) const override;

private:
    TransferEngine *m_engine;
};
