#include "network/transfer/TransferService.h"

#include "network/api/FilesClient.h"
#include "network/io/BandwidthLimiter.h"
#include "network/transfer/TransferEngineHost.h"

#include <QDateTime>

TransferService::TransferService(const Settings &settings, QObject *parent)
    : QObject(parent)
    // Batch ids numbered here must never meet the journal's own (small, counted from 1).
    , m_nextBatch(QDateTime::currentMSecsSinceEpoch() << 10)
    , m_journalPath(settings.journalPath)
    // As TransferEngine::accountKey() says it.
    , m_accountKey(!settings.account.isEmpty() ? settings.account
                                               : settings.endpoint.toString() + QLatin1Char(' ')
                           + settings.credentials.keyId())
{
    m_thread.setObjectName(QStringLiteral("fal transfers"));
    m_host = new TransferEngineHost(this, settings);
    m_host->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_host, &TransferEngineHost::start, Qt::QueuedConnection);
}

TransferService::~TransferService()
{
    m_thread.quit(); // the host (and engine, journal, client) is deleted on its thread
    m_thread.wait();
}

template<typename Function> void TransferService::onEngine(Function &&function)
{
    TransferEngineHost *host = m_host;
    QMetaObject::invokeMethod(
        host,
        [host, function = std::forward<Function>(function)] {
            if (TransferEngine *engine = host->engine()) {
                function(engine);
                host->flush(); // the UI sees the effect of its command at once
            }
        },
        Qt::QueuedConnection);
}

qint64 TransferService::nextBatch()
{
    const qint64 batch = ++m_nextBatch;
    m_pendingBatches.insert(batch);
    return batch;
}

void TransferService::setMaxFilesInFlight(int files)
{
    onEngine([files](TransferEngine *engine) { engine->setMaxFilesInFlight(files); });
}

void TransferService::setPacking(bool packing)
{
    onEngine([packing](TransferEngine *engine) { engine->setPacking(packing); });
}

void TransferService::setBandwidthLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    onEngine([=](TransferEngine *engine) {
        engine->setBandwidthLimits(uploadBytesPerSecond, downloadBytesPerSecond);
    });
}

TransferService::EngineSettings TransferService::engineSettings() const
{
    EngineSettings settings;
    TransferEngineHost *host = m_host;
    QMetaObject::invokeMethod(
        host,
        [host, &settings] {
            if (const TransferEngine *engine = host->engine()) {
                settings.maxFilesInFlight = engine->maxFilesInFlight();
                settings.packing = engine->packing();
                settings.uploadBytesPerSecond = engine->client()->uploadLimiter()->rate();
                settings.downloadBytesPerSecond = engine->client()->downloadLimiter()->rate();
            }
        },
        Qt::BlockingQueuedConnection);
    return settings;
}

qint64 TransferService::upload(const QStringList &localPaths, const RemotePath &folder,
                               ConflictPolicy policy, const QString &renameTo)
{
    const qint64 batch = nextBatch();
    m_requests.insert(batch, {localPaths, folder.absolute(), renameTo});
    onEngine([=](TransferEngine *engine) {
        engine->upload(localPaths, folder, policy, renameTo, batch);
    });
    return batch;
}

qint64 TransferService::enqueue(const QList<TransferItem> &items, const BatchRequest &request)
{
    const qint64 batch = nextBatch();
    m_requests.insert(batch, request);
    onEngine([=](TransferEngine *engine) { engine->enqueue(items, {}, batch); });
    return batch;
}

qint64 TransferService::download(const QList<FileSpec> &sources, const QString &localFolder,
                                 ConflictPolicy policy, const QString &renameTo)
{
    const qint64 batch = nextBatch();
    BatchRequest request {{}, localFolder, renameTo};
    for (const FileSpec &source : sources)
        request.sources.append(source.path.absolute());
    m_requests.insert(batch, request);
    onEngine([=](TransferEngine *engine) {
        engine->download(sources, localFolder, policy, renameTo, batch);
    });
    return batch;
}

std::optional<TransferService::BatchRequest> TransferService::batchRequest(qint64 batchId) const
{
    const auto it = m_requests.constFind(batchId);
    return it == m_requests.cend() ? std::nullopt : std::optional<BatchRequest>(*it);
}

qint64 TransferService::importUrl(const QUrl &url, const RemotePath &target, ConflictPolicy policy)
{
    const qint64 batch = nextBatch();
    onEngine([=](TransferEngine *engine) { engine->importUrl(url, target, policy, batch); });
    return batch;
}

void TransferService::pause(qint64 id)
{
    onEngine([id](TransferEngine *e) { e->pause(id); });
}
void TransferService::resume(qint64 id)
{
    onEngine([id](TransferEngine *e) { e->resume(id); });
}
void TransferService::cancel(qint64 id)
{
    onEngine([id](TransferEngine *e) { e->cancel(id); });
}
void TransferService::retry(qint64 id)
{
    onEngine([id](TransferEngine *e) { e->retry(id); });
}
void TransferService::adoptOrphans()
{
    onEngine([](TransferEngine *e) { e->adoptOrphans(); });
}
void TransferService::pauseAll()
{
    onEngine([](TransferEngine *e) { e->pauseAll(); });
}
void TransferService::resumeAll()
{
    onEngine([](TransferEngine *e) { e->resumeAll(); });
}
void TransferService::clearFinished(const QList<qint64> &only)
{
    onEngine([only](TransferEngine *e) { e->clearFinished(only); });
}

void TransferService::answerConflict(qint64 id, ConflictPolicy policy, bool applyToBatch)
{
    onEngine([=](TransferEngine *e) { e->answerConflict(id, policy, applyToBatch); });
}

const TransferItem *TransferService::item(qint64 id) const
{
    const auto it = m_items.constFind(id);
    return it == m_items.cend() ? nullptr : &*it;
}

QList<qint64> TransferService::batchItems(qint64 batchId) const
{
    QList<qint64> ids;
    for (const qint64 id : m_order) {
        // Looked at in place: value() would copy every item of the queue to read one number.
        if (const auto it = m_items.constFind(id); it != m_items.cend() && it->batchId == batchId)
            ids.append(id);
    }
    return ids;
}

bool TransferService::isBatchFinished(qint64 batchId) const
{
    if (m_pendingBatches.contains(batchId))
        return false;
    for (const qint64 id : m_order) {
        const TransferItem &item = m_items[id];
        if (item.batchId == batchId && !item.isFinished())
            return false;
    }
    return true;
}

qint64 TransferService::runningForMs(qint64 id) const
{
    const qint64 started = m_stats.value(id).startedAtMs;
    return started > 0 ? QDateTime::currentMSecsSinceEpoch() - started : 0;
}

void TransferService::apply(const Update &update)
{
    QList<qint64> added;
    QList<qint64> changed;
    for (const TransferItem &item : update.items) {
        if (!m_items.contains(item.id)) {
            m_order.append(item.id);
            added.append(item.id);
        } else {
            changed.append(item.id);
        }
        m_items.insert(item.id, item);
    }
    QSet<qint64> running;
    for (auto it = update.stats.cbegin(); it != update.stats.cend(); ++it) {
        running.insert(it.key());
        if (!added.contains(it.key()) && !changed.contains(it.key()))
            changed.append(it.key()); // its speed moved
    }
    for (auto it = m_stats.begin(); it != m_stats.end();)
        it = running.contains(it.key()) ? std::next(it) : m_stats.erase(it);
    for (auto it = update.stats.cbegin(); it != update.stats.cend(); ++it)
        m_stats.insert(it.key(), it.value());
    QList<qint64> removed;
    for (const qint64 id : update.removed) {
        if (m_items.remove(id)) {
            m_order.removeOne(id);
            m_stats.remove(id);
            removed.append(id);
        }
    }
    m_totals = update.totals;
    if (!added.isEmpty())
        Q_EMIT itemsAdded(added);
    for (const qint64 id : std::as_const(changed))
        Q_EMIT itemChanged(id);
    if (!removed.isEmpty())
        Q_EMIT itemsRemoved(removed);
    Q_EMIT totalsChanged();
}

void TransferService::onBatchReady(qint64 batchId, const QList<qint64> &ids,
                                   const QStringList &notes)
{
    m_pendingBatches.remove(batchId);
    Q_EMIT batchReady(batchId, ids, notes);
}
