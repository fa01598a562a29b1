#include "network/transfer/TransferEngine.h"

#include "network/api/FilesClient.h"
#include "network/api/UrlImportJob.h"
#include "network/transfer/DownloadTask.h"
#include "network/transfer/ImportTask.h"
#include "network/transfer/PartBudget.h"
#include "network/transfer/TransferBatchBuilder.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/TransferLog.h"
#include "network/transfer/UploadTask.h"

namespace {
constexpr int kProgressIntervalMs = 200;
using State = TransferItem::State;
} // namespace

TransferEngine::TransferEngine(FilesClient *client, TransferJournal *journal, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_journal(journal)
    , m_parts(new PartBudget(4, this)) // 4 parts of 10 MiB in memory at most: ~40 MiB
{
    m_context.client = client;
    m_context.journal = journal;
    m_context.parts = m_parts;
    m_progressTimer.setInterval(kProgressIntervalMs);
    connect(&m_progressTimer, &QTimer::timeout, this, &TransferEngine::flushProgress);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setTimerType(Qt::PreciseTimer); // a coarse timer may fire before the hold ends
    connect(&m_retryTimer, &QTimer::timeout, this, &TransferEngine::scheduleSoon);
    m_orphanTimer.setInterval(30'000);
    connect(&m_orphanTimer, &QTimer::timeout, this, &TransferEngine::adoptOrphans);
}

TransferEngine::~TransferEngine()
{
    // The items of a pack share its task: each task is stopped and deleted once.
    QSet<TransferTask *> tasks;
    for (TransferRuntime &runtime : m_runtime)
        tasks.insert(std::exchange(runtime.task, nullptr));
    tasks.remove(nullptr);
    for (TransferTask *task : std::as_const(tasks)) {
        task->disconnect(this);
        task->stop();
        delete task;
    }
    // Items still running stay "running" in the journal: the next start resumes them.
}

void TransferEngine::setMaxFilesInFlight(int files)
{
    m_maxFiles = qMax(1, files);
    scheduleSoon();
}

void TransferEngine::setBandwidthLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    m_client->setBandwidthLimits(uploadBytesPerSecond, downloadBytesPerSecond);
}

void TransferEngine::setMaxPartsInFlight(int parts)
{
    m_parts->setLimit(parts);
}

int TransferEngine::partsInFlight() const
{
    return m_parts->inUse();
}

TransferItem *TransferEngine::find(qint64 id) const
{
    const auto it = m_items.find(id);
    return it == m_items.end() ? nullptr : it->second.get();
}

const TransferItem *TransferEngine::item(qint64 id) const
{
    return find(id);
}

QString TransferEngine::accountKey() const
{
    if (!m_account.isEmpty())
        return m_account;
    if (!m_client)
        return {};
    return m_client->endpoint().toString() + QLatin1Char(' ') + m_client->credentials().keyId();
}

void TransferEngine::save(const TransferItem *item)
{
    if (m_journal)
        m_journal->update(*item);
}

void TransferEngine::load(bool resumeUnfinished)
{
    if (!m_journal)
        return;
    QList<qint64> added;
    const QString account = accountKey();
    for (TransferItem &loaded : m_journal->loadAll()) {
        if (m_items.count(loaded.id) || (!loaded.account.isEmpty() && loaded.account != account))
            continue;
        auto item = std::make_unique<TransferItem>(loaded);
        TransferItem *kept = item.get();
        TransferRuntime &runtime = admit(std::move(item));
        added.append(kept->id);
        if (kept->isFinished())
            continue;
        if (resumeUnfinished && m_journal->claim(kept->id)) {
            if (kept->state == State::Running)
                kept->state = State::Queued; // it was cut off by a crash or a quit
            runtime.inSession = kept->state == State::Queued;
        } else {
            runtime.foreign = true; // someone else's, or not ours to resume now
        }
    }
    if (!added.isEmpty())
        Q_EMIT itemsAdded(added);
    if (hasForeign())
        m_orphanTimer.start(); // an owner may end while we run: its items come over then
    scheduleSoon();
}

int TransferEngine::adoptOrphans()
{
    // Items another process was working on, asked again: an owner that has ended since (however
    // it ended) lets them go, and they go on here as after a restart.
    if (!m_journal)
        return 0;
    QList<qint64> adopted;
    for (const qint64 id : QList<qint64>(m_order)) {
        TransferItem *item = find(id);
        if (!item || !isForeign(id) || item->isFinished() || !m_journal->claim(id))
            continue;
        TransferRuntime &runtime = runtimeOf(item);
        runtime.foreign = false;
        adopted.append(id);
        if (item->state == State::Running)
            item->state = State::Queued; // cut off with its process
        if (item->state == State::Queued)
            runtime.inSession = true;
        save(item);
        Q_EMIT itemChanged(id);
    }
    if (!hasForeign())
        m_orphanTimer.stop();
    if (!adopted.isEmpty()) {
        qCInfo(lcTransfers) << "adopted" << adopted.size() << "transfers of an ended process";
        Q_EMIT totalsChanged();
        scheduleSoon();
    }
    return int(adopted.size());
}

TransferItem *TransferEngine::takeOver(const TransferItem &candidate)
{
    for (const qint64 id : std::as_const(m_order)) {
        TransferItem *item = find(id);
        if (item->direction != candidate.direction || item->localPath != candidate.localPath
            || item->remotePath != candidate.remotePath || item->state == State::Done || taskOf(id))
            continue;
        if (item->direction == TransferItem::Direction::Upload
            && (item->size != candidate.size || item->localModified != candidate.localModified))
            continue;
        if (isForeign(id)) {
            if (!m_journal || !m_journal->claim(id))
                continue;
            runtimeOf(item).foreign = false;
        }
        return item;
    }
    return nullptr;
}

QList<qint64> TransferEngine::addItems(QList<TransferItem> items)
{
    QList<TransferItem> fresh;
    QList<qint64> ids;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (TransferItem &candidate : items) {
        if (TransferItem *twin = takeOver(candidate)) {
            // The same file to the same place, unfinished: go on from where it stopped.
            twin->batchId = candidate.batchId;
            twin->conflictPolicy = candidate.conflictPolicy == ConflictPolicy::Ask
                ? twin->conflictPolicy
                : candidate.conflictPolicy;
            if (twin->direction == TransferItem::Direction::Download)
                twin->expectedSha256 = candidate.expectedSha256;
            twin->error.clear();
            twin->errorKind = ApiError::Kind::None;
            setState(twin, candidate.state == State::Failed ? State::Failed : State::Queued);
            if (candidate.state == State::Failed)
                twin->error = candidate.error;
            ids.append(twin->id);
            continue;
        }
        candidate.createdAt = now;
        candidate.account = accountKey();
        fresh.append(candidate);
    }
    if (m_journal && !fresh.isEmpty()) {
        if (!m_journal->insert(fresh))
            qCWarning(lcTransfers).noquote() << m_journal->lastError();
    }
    QList<qint64> added;
    for (TransferItem &item : fresh) {
        if (item.id == 0)
            item.id = m_nextLocalId--;
        added.append(item.id);
        ids.append(item.id);
        admit(std::make_unique<TransferItem>(item)).inSession = !item.isFinished();
        if (item.state == State::Failed) {
            // Refused before it could start (unreadable, a name fal cannot store): it still
            // belongs to this burst of work and to the report when the queue empties.
            m_sessionFailures << QStringLiteral("%1: %2").arg(item.name(), item.error);
            m_wasBusy = true;
        }
    }
    if (!added.isEmpty())
        Q_EMIT itemsAdded(added);
    if (hasForeign())
        m_orphanTimer.start(); // an owner may end while we run: its items come over then
    scheduleSoon();
    Q_EMIT totalsChanged();
    return ids;
}

qint64 TransferEngine::newBatchId()
{
    return m_journal ? m_journal->newBatchId() : m_nextLocalBatch--;
}

qint64 TransferEngine::upload(const QStringList &localPaths, const RemotePath &folder,
                              ConflictPolicy policy, const QString &renameTo, qint64 batchId)
{
    return TransferBatchBuilder::upload(this, localPaths, folder, policy,
                                        localPaths.size() == 1 ? renameTo : QString(),
                                        batchId ? batchId : newBatchId());
}

qint64 TransferEngine::download(const QList<FileSpec> &sources, const QString &localFolder,
                                ConflictPolicy policy, const QString &renameTo, qint64 batchId)
{
    return TransferBatchBuilder::download(this, sources, localFolder, policy,
                                          sources.size() == 1 ? renameTo : QString(),
                                          batchId ? batchId : newBatchId());
}

qint64 TransferEngine::enqueue(QList<TransferItem> items, const QStringList &notes, qint64 batchId)
{
    const qint64 batch = batchId ? batchId : newBatchId();
    for (TransferItem &item : items)
        item.batchId = batch;
    batchStarted(batch);
    // Queued, as a scan's result arrives: the caller has the batch id before batchReady.
    QMetaObject::invokeMethod(
        this, [this, batch, items, notes] { batchBuilt(batch, items, notes); },
        Qt::QueuedConnection);
    return batch;
}

qint64 TransferEngine::importUrl(const QUrl &url, const RemotePath &target, ConflictPolicy policy,
                                 qint64 batchId)
{
    TransferItem item;
    item.batchId = batchId ? batchId : newBatchId();
    item.direction = TransferItem::Direction::Import;
    item.sourceUrl = url.toString(QUrl::FullyEncoded);
    item.remotePath = target;
    item.conflictPolicy = policy;
    QString why;
    if (!UrlImportJob::isImportableUrl(url, &why) || target.isRoot()) {
        item.state = State::Failed;
        item.error = why.isEmpty() ? QStringLiteral("choose a file name below /data") : why;
    }
    const QList<qint64> ids = addItems({item});
    Q_EMIT batchReady(item.batchId, ids, {});
    return item.batchId;
}

bool TransferEngine::isBatchFinished(qint64 batchId) const
{
    if (m_pendingBatches.contains(batchId))
        return false;
    for (const qint64 id : m_order) {
        const TransferItem *item = find(id);
        if (item->batchId == batchId && !item->isFinished())
            return false;
    }
    return true;
}

void TransferEngine::batchSourceFailed(qint64 batch, const QString &error)
{
    Q_EMIT batchFailed(batch, error);
}

void TransferEngine::batchBuilt(qint64 batch, const QList<TransferItem> &items,
                                const QStringList &notes)
{
    const QList<qint64> ids = addItems(items);
    m_pendingBatches.remove(batch);
    Q_EMIT batchReady(batch, ids, notes);
    scheduleSoon();
}
