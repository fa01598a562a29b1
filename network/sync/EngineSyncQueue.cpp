#include "network/sync/EngineSyncQueue.h"

#include "network/transfer/TransferEngine.h"

EngineSyncQueue::EngineSyncQueue(TransferEngine *engine, QObject *parent)
    : SyncQueue(parent), m_engine(engine)
{
    connect(engine, &TransferEngine::batchReady, this,
            [this](qint64 batch, const QList<qint64> &ids) { Q_EMIT batchReady(batch, ids); });
    connect(engine, &TransferEngine::itemChanged, this, &SyncQueue::itemChanged);
}

qint64 EngineSyncQueue::enqueue(const QList<TransferItem> &items, const QStringList &,
                                const QString &)
{
    return m_engine->enqueue(items);
}

std::optional<TransferItem> EngineSyncQueue::item(qint64 id) const
{
    if (const TransferItem *found = m_engine->item(id))
        return *found;
    return std::nullopt;
}
