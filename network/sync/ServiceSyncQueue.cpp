#include "network/sync/ServiceSyncQueue.h"

#include "network/transfer/TransferService.h"

ServiceSyncQueue::ServiceSyncQueue(TransferService *service, QObject *parent)
    : SyncQueue(parent), m_service(service)
{
    connect(service, &TransferService::batchReady, this,
            [this](qint64 batch, const QList<qint64> &ids) { Q_EMIT batchReady(batch, ids); });
    connect(service, &TransferService::itemChanged, this, &SyncQueue::itemChanged);
    // The mirror may learn of an item after the batch was announced: its arrival counts as a
    // change, so that an item that arrives finished is not missed.
    connect(service, &TransferService::itemsAdded, this, [this](const QList<qint64> &ids) {
        for (const qint64 id : ids)
            Q_EMIT itemChanged(id);
    });
}

qint64 ServiceSyncQueue::enqueue(const QList<TransferItem> &items, const QStringList &sources,
                                 const QString &destination)
{
    return m_service->enqueue(items, {sources, destination, {}});
}

std::optional<TransferItem> ServiceSyncQueue::item(qint64 id) const
{
    if (const TransferItem *found = m_service->item(id))
        return *found;
    return std::nullopt;
}
