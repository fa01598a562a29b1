// TransferEngine, part two: scheduling (see TransferEngineControls.cpp for what people do to
// items, and the conflict questions).
#include "network/transfer/TransferEngine.h"

#include "network/api/FilesClient.h"
#include "network/transfer/DownloadTask.h"
#include "network/transfer/ImportTask.h"
#include "network/transfer/PackTask.h"
#include "network/transfer/PartBudget.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/TransferLog.h"
#include "network/transfer/UploadTask.h"

#include <algorithm>
#include <limits>

namespace {
using State = TransferItem::State;
using Direction = TransferItem::Direction;
// "Wait and go on" for a transfer that failed with a network or server error after its
// requests' own retries: 5 s, 10 s, 20 s, 40 s, then every minute, for as long as the client's
// OutageBudget allows (the app: until the person pauses; the CLI: --retry-for).
int autoRetryDelayMs(int round)
{
    return qMin(5 << qBound(0, round - 1, 4), 60) * 1000;
}
} // namespace

void TransferEngine::setState(TransferItem *item, State state, const ApiError &error)
{
    item->state = state;
    if (state != State::Queued) {
        // A wait for the service belongs to a queued item only: paused, cancelled, running or
        // finished, it has none (a hold left behind would keep the retry timer firing).
        m_retryHold.remove(item->id);
        item->retryAtMs = 0;
    }
    if (error.isError()) {
        item->error = error.message();
        item->errorKind = error.kind;
    } else if (state == State::Queued || state == State::Running || state == State::Done) {
        item->error.clear();
        item->errorKind = ApiError::Kind::None;
    }
    if (item->isFinished())
        item->finishedAt = QDateTime::currentDateTimeUtc();
    if (state == State::Queued || state == State::Running)
        m_session.insert(item->id);
    save(item);
    m_dirty.remove(item->id);
    Q_EMIT itemChanged(item->id);
    Q_EMIT totalsChanged();
}

void TransferEngine::scheduleSoon()
{
    if (m_scheduleQueued)
        return;
    m_scheduleQueued = true;
    QMetaObject::invokeMethod(this, &TransferEngine::schedule, Qt::QueuedConnection);
}

int TransferEngine::runningTaskCount() const
{
    // A pack runs many items as one request: it takes one slot.
    QSet<TransferTask *> tasks;
    for (TransferTask *task : m_tasks)
        tasks.insert(task);
    return int(tasks.size());
}

bool TransferEngine::isPackable(const TransferItem *item) const
{
    return m_packing && item->direction == Direction::Upload && item->state == State::Queued
        && !m_noPack.contains(item->id) && !m_tasks.contains(item->id)
        && !m_foreign.contains(item->id) && !m_retryHold.contains(item->id)
        && !item->multipart.isStarted() && item->size <= PackTask::kMaxFileSize
        && (item->conflictPolicy == ConflictPolicy::Ask
            || item->conflictPolicy == ConflictPolicy::Overwrite);
}

// Small uploads of the same drop travel together (see PackTask); returns false when there are too
// few to be worth it.
bool TransferEngine::startPackFrom(TransferItem *first)
{
    if (!isPackable(first))
        return false;
    QList<TransferItem *> members;
    qint64 bytes = 0;
    for (qsizetype i = m_order.indexOf(first->id); i < m_order.size(); ++i) {
        TransferItem *item = find(m_order.at(i));
        if (item->batchId != first->batchId || !isPackable(item))
            continue;
        if (members.size() >= PackTask::kMaxPackFiles
            || bytes + item->size > PackTask::kMaxPackBytes)
            break;
        members.append(item);
        bytes += item->size;
    }
    if (members.size() < PackTask::kMinPackFiles)
        return false;
    RemotePath base = members.first()->remotePath.parent();
    for (const TransferItem *item : std::as_const(members)) {
        while (!(base == item->remotePath.parent() || base.isAncestorOf(item->remotePath)))
            base = base.parent();
    }
    auto *pack = new PackTask(m_context, members, base, this);
    m_wasBusy = true;
    for (TransferItem *item : std::as_const(members)) {
        m_tasks.insert(item->id, pack);
        m_startedAt.insert(item->id, QDateTime::currentMSecsSinceEpoch());
        setState(item, State::Running);
    }
    connect(pack, &TransferTask::progressed, this, [this, pack] {
        for (const TransferItem *item : pack->members())
            m_dirty.insert(item->id);
    });
    connect(pack, &PackTask::memberFinished, this,
            [this](TransferItem *item, const ApiError &error) {
                m_tasks.remove(item->id);
                finishItem(item, error);
            });
    connect(pack, &PackTask::memberReturned, this, [this](TransferItem *item, const QString &) {
        m_tasks.remove(item->id);
        m_noPack.insert(item->id);
        setState(item, State::Queued);
        scheduleSoon();
    });
    connect(pack, &PackTask::packFinished, this, [this, pack] {
        for (auto it = m_tasks.begin(); it != m_tasks.end();)
            it = it.value() == pack ? m_tasks.erase(it) : std::next(it);
        pack->deleteLater();
        scheduleSoon();
    });
    qCInfo(lcTransfers) << "packing" << members.size() << "small files into one upload to"
                        << base.absolute();
    pack->start();
    return true;
}

void TransferEngine::schedule()
{
    m_scheduleQueued = false;
    for (const qint64 id : std::as_const(m_order)) {
        if (runningTaskCount() >= m_maxFiles)
            break;
        TransferItem *item = find(id);
        if (item->state != State::Queued || m_foreign.contains(id) || m_tasks.contains(id))
            continue;
        if (const auto hold = m_retryHold.constFind(id); hold != m_retryHold.cend()) {
            if (*hold > QDateTime::currentMSecsSinceEpoch())
                continue;
            m_retryHold.erase(hold);
            item->retryAtMs = 0;
        }
        if (!startPackFrom(item))
            startTask(item);
    }
    if (!m_tasks.isEmpty() && !m_progressTimer.isActive())
        m_progressTimer.start();
    armRetryTimer();
    checkIdle();
}

void TransferEngine::armRetryTimer()
{
    // One precise timer for the earliest hold, armed again after every pass of schedule(): a
    // hold that a pass skipped (not due yet) is always covered by the next shot.
    for (auto it = m_retryHold.begin(); it != m_retryHold.end();) {
        const TransferItem *item = find(it.key());
        it = item && item->state == State::Queued ? std::next(it) : m_retryHold.erase(it);
    }
    if (m_retryHold.isEmpty()) {
        m_retryTimer.stop();
        return;
    }
    const qint64 earliest = *std::min_element(m_retryHold.cbegin(), m_retryHold.cend());
    const qint64 wait = earliest - QDateTime::currentMSecsSinceEpoch();
    m_retryTimer.start(int(std::clamp<qint64>(wait, 0, std::numeric_limits<int>::max())));
}

TransferTask *TransferEngine::makeTask(TransferItem *item)
{
    switch (item->direction) {
    case Direction::Upload:
        return new UploadTask(m_context, item, this);
    case Direction::Download:
        return new DownloadTask(m_context, item, this);
    case Direction::Import:
        return new ImportTask(m_context, item, this);
    }
    Q_UNREACHABLE();
}

void TransferEngine::startTask(TransferItem *item)
{
    TransferTask *task = makeTask(item);
    m_tasks.insert(item->id, task);
    m_startedAt.insert(item->id, QDateTime::currentMSecsSinceEpoch());
    m_wasBusy = true;
    m_speed[item->id].reset();
    connect(task, &TransferTask::progressed, this, [this, id = item->id] { m_dirty.insert(id); });
    connect(task, &TransferTask::finished, this,
            [this, task](const ApiError &error) { onTaskFinished(task, error); });
    connect(task, &TransferTask::conflict, this,
            [this, task](qint64 size) { onConflict(task, size); });
    setState(item, State::Running);
    task->start();
}

void TransferEngine::stopTask(qint64 id)
{
    TransferTask *task = m_tasks.take(id);
    if (!task)
        return;
    task->disconnect(this);
    task->stop();
    task->deleteLater();
    // The other files of a pack go back to the queue; they will travel in another one.
    for (auto it = m_tasks.begin(); it != m_tasks.end();) {
        if (it.value() != task) {
            ++it;
            continue;
        }
        TransferItem *other = find(it.key());
        it = m_tasks.erase(it);
        setState(other, State::Queued);
    }
    scheduleSoon();
}

void TransferEngine::onTaskFinished(TransferTask *task, const ApiError &error)
{
    TransferItem *item = task->item();
    m_tasks.remove(item->id);
    task->deleteLater();
    finishItem(item, error);
}

void TransferEngine::finishItem(TransferItem *item, const ApiError &error)
{
    if (!error.isError()) {
        m_autoRetries.remove(item->id);
        if (item->size >= 0)
            item->bytesDone = item->size;
        setState(item, State::Done);
        ++m_sessionSucceeded;
        if (item->direction != Direction::Download)
            Q_EMIT remoteChanged(item->remotePath.parent());
    } else if (error.kind == ApiError::Kind::Cancelled) {
        setState(item, State::Cancelled, error);
    } else if (const int delayMs = error.isTransient()
                   ? m_client->outage().clampDelay(autoRetryDelayMs(++m_autoRetries[item->id]))
                   : -1;
               delayMs >= 0) {
        // The network or the service is down for longer than a request's own retries cover:
        // wait, then go on from what is kept. Nothing is lost meanwhile.
        item->note = error.message();
        item->retryAtMs = QDateTime::currentMSecsSinceEpoch() + delayMs;
        m_retryHold.insert(item->id, item->retryAtMs);
        m_client->outage().noteRetryAt(item->retryAtMs);
        setState(item, State::Queued);
    } else {
        qCInfo(lcTransfers).noquote() << item->name() << "failed:" << error.message();
        setState(item, State::Failed, error);
        m_sessionFailures << QStringLiteral("%1: %2").arg(item->name(), error.message());
    }
    scheduleSoon();
}

void TransferEngine::flushProgress()
{
    // While the service is out of reach, a running transfer only waits for its requests' next
    // try: it says so, and when (not "running" with a time left that grows without end).
    const qint64 waitUntil = m_client->outage().nextRetryAtMs();
    for (auto it = m_tasks.cbegin(); it != m_tasks.cend(); ++it) {
        TransferItem *item = find(it.key());
        if (!item || item->state != State::Running || item->retryAtMs == waitUntil)
            continue;
        item->retryAtMs = waitUntil;
        if (waitUntil > 0)
            item->note = m_client->outage().lastError().message();
        m_dirty.insert(item->id);
    }
    const QSet<qint64> dirty = std::exchange(m_dirty, {});
    for (const qint64 id : dirty) {
        if (const TransferItem *item = find(id)) {
            m_speed[id].update(item->bytesDone);
            Q_EMIT itemChanged(id);
        }
    }
    m_totalSpeed.update(totals().bytesDone);
    if (!dirty.isEmpty())
        Q_EMIT totalsChanged();
    if (m_tasks.isEmpty())
        m_progressTimer.stop();
}

void TransferEngine::checkIdle()
{
    if (!m_wasBusy || !m_tasks.isEmpty())
        return;
    for (const qint64 id : std::as_const(m_order)) {
        if (find(id)->state == State::Queued && !m_foreign.contains(id))
            return;
    }
    if (!m_pendingBatches.isEmpty())
        return;
    m_wasBusy = false;
    const int succeeded = std::exchange(m_sessionSucceeded, 0);
    const QStringList failed = std::exchange(m_sessionFailures, {});
    // The next burst of work starts new totals; items still waiting (paused, needing an answer)
    // stay counted.
    QSet<qint64> keep;
    for (const qint64 id : std::as_const(m_session)) {
        if (const TransferItem *item = find(id); item && !item->isFinished())
            keep.insert(id);
    }
    m_session = keep;
    m_totalSpeed.reset();
    Q_EMIT totalsChanged();
    Q_EMIT queueIdle(succeeded, failed);
}

QList<qint64> TransferEngine::batchItems(qint64 batchId) const
{
    QList<qint64> ids;
    for (const qint64 id : m_order) {
        if (find(id)->batchId == batchId)
            ids.append(id);
    }
    return ids;
}
