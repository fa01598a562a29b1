#pragma once

#include "network/sync/SyncQueue.h"

class TransferService;

// A SyncQueue on the app's TransferService (the engine on its own thread): the sync's transfers
// are one job in the transfers dock, named after the synced folders.
class ServiceSyncQueue : public SyncQueue
{
    Q_OBJECT
public:
    explicit ServiceSyncQueue(TransferService *service, QObject *parent = nullptr);

    qint64 enqueue(const QList<TransferItem> &items, const QStringList &sources,
                   const QString &destination) override;
    std::optional<TransferItem> item(qint64 id) const override;

private:
    TransferService *m_service;
};
