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
    TransferRuntime &runtime = runtimeOf(item);
    if (state == State::Queued || state == State::Running)
        runtime.inSession = true;
    save(item);
    runtime.dirty = false;
    Q_EMIT itemChanged(item->id);
    Q_EMIT totalsChanged();
}

void TransferEngine::requeue(TransferItem *item)
{
    // While it ran, retryAtMs was its requests' wait for the service (see flushProgress());
    // queued, it would read as a hold of its own.
    item->retryAtMs = 0;
    setState(item, State::Queued);
}

void TransferEngine::scheduleSoon()
{
    if (m_scheduleQueued)
        return;
    m_scheduleQueued = true;
    QMetaObject::invokeMethod(this, &TransferEngine::schedule, Qt::QueuedConnection);
}

bool TransferEngine::isPackable(const TransferItem *item) const
{
    const TransferRuntime *runtime = findRuntime(item->id);
    return m_packing && item->direction == Direction::Upload && item->state == State::Queued
        && runtime && !runtime->noPack && !runtime->task && !runtime->foreign
        && item->retryAtMs == 0 && !item->multipart.isStarted()
        && item->size <= PackTask::kMaxFileSize
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
        TransferRuntime &runtime = runtimeOf(item);
        runtime.task = pack;
        runtime.startedAtMs = QDateTime::currentMSecsSinceEpoch();
        setState(item, State::Running);
    }
    watch(pack);
    qCInfo(lcTransfers) << "packing" << members.size() << "small files into one upload to"
                        << base.absolute();
    pack->start();
    return true;
}

void TransferEngine::schedule()
{
    m_scheduleQueued = false;
    // Counted once and again after each start (a task may end as it starts), not for every item:
    // the count walks all runtime entries.
    int running = runningTaskCount();
    for (const qint64 id : std::as_const(m_order)) {
        if (running >= m_maxFiles)
            break;
        TransferItem *item = find(id);
        const TransferRuntime &runtime = runtimeOf(item);
        if (item->state != State::Queued || runtime.foreign || runtime.task)
            continue;
        if (item->retryAtMs > 0) { // held
            if (item->retryAtMs > QDateTime::currentMSecsSinceEpoch())
                continue;
            item->retryAtMs = 0;
        }
        if (!startPackFrom(item))
            startTask(item);
        running = runningTaskCount();
    }
    if (running > 0 && !m_progressTimer.isActive())
        m_progressTimer.start();
    armRetryTimer();
    checkIdle();
}

void TransferEngine::armRetryTimer()
{
    // One precise timer for the earliest hold, armed again after every pass of schedule(): a
    // hold that a pass skipped (not due yet) is always covered by the next shot.
    const qint64 earliest = nextRetryAtMs();
    if (earliest == 0) {
        m_retryTimer.stop();
        return;
    }
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
    TransferRuntime &runtime = runtimeOf(item);
    runtime.task = task;
    runtime.startedAtMs = QDateTime::currentMSecsSinceEpoch();
    runtime.speed.reset();
    m_wasBusy = true;
    watch(task);
    setState(item, State::Running);
    task->start();
}

void TransferEngine::stopTask(qint64 id)
{
    TransferTask *task = takeTask(id);
    if (!task)
        return;
    task->disconnect(this);
    task->stop();
    task->deleteLater();
    // The other files of a pack go back to the queue; they will travel in another one.
    for (const qint64 otherId : std::as_const(m_order)) {
        if (TransferItem *other = find(otherId); runtimeOf(other).task == task) {
            detachTask(other);
            requeue(other);
        }
    }
    scheduleSoon();
}

// One wiring for every task, one item or a pack: each item is reported once, then the task ends.
void TransferEngine::watch(TransferTask *task)
{
    connect(task, &TransferTask::progressed, this, [this, task] {
        for (const TransferItem *item : task->items())
            runtimeOf(item).dirty = true;
    });
    connect(task, &TransferTask::itemFinished, this,
            [this](TransferItem *item, const ApiError &error) {
                detachTask(item);
                finishItem(item, error);
            });
    connect(task, &TransferTask::itemReturned, this, [this](TransferItem *item, const QString &) {
        detachTask(item);
        runtimeOf(item).noPack = true; // it goes the one-file way, which says what is wrong
        requeue(item);
        scheduleSoon();
    });
    connect(task, &TransferTask::conflict, this, [this](TransferItem *item, qint64 size) {
        detachTask(item);
        onConflict(item, size);
    });
    connect(task, &Job::finished, this, [this, task] {
        for (TransferRuntime &runtime : m_runtime) {
            if (runtime.task == task)
                runtime.task = nullptr;
        }
        task->deleteLater();
        scheduleSoon();
    });
}

void TransferEngine::finishItem(TransferItem *item, const ApiError &error)
{
    if (!error.isError()) {
        runtimeOf(item).autoRetries = 0;
        if (item->size >= 0)
            item->bytesDone = item->size;
        setState(item, State::Done);
        ++m_sessionSucceeded;
        if (item->direction != Direction::Download)
            Q_EMIT remoteChanged(item->remotePath.parent());
    } else if (error.kind == ApiError::Kind::Cancelled) {
        setState(item, State::Cancelled, error);
    } else if (const int delayMs = error.isTransient()
                   ? m_client->outage().clampDelay(autoRetryDelayMs(++runtimeOf(item).autoRetries))
                   : -1;
               delayMs >= 0) {
        // The network or the service is down for longer than a request's own retries cover:
        // wait, then go on from what is kept. Nothing is lost meanwhile.
        item->note = error.message();
        item->retryAtMs = QDateTime::currentMSecsSinceEpoch() + delayMs; // the hold
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
    QList<qint64> dirty;
    for (auto it = m_runtime.begin(); it != m_runtime.end(); ++it) {
        TransferItem *item = find(it.key());
        if (it->task && item->state == State::Running && item->retryAtMs != waitUntil) {
            item->retryAtMs = waitUntil;
            if (waitUntil > 0)
                item->note = m_client->outage().lastError().message();
            it->dirty = true;
        }
        if (std::exchange(it->dirty, false)) {
            it->speed.update(item->bytesDone);
            dirty.append(it.key());
        }
    }
    // Signalled once the walk is over: a slot may change the queue.
    for (const qint64 id : std::as_const(dirty)) {
        if (find(id))
            Q_EMIT itemChanged(id);
    }
    m_totalSpeed.update(totals().bytesDone);
    if (!dirty.isEmpty())
        Q_EMIT totalsChanged();
    if (runningTaskCount() == 0)
        m_progressTimer.stop();
}

void TransferEngine::checkIdle()
{
    if (!m_wasBusy || runningTaskCount() > 0)
        return;
    for (const qint64 id : std::as_const(m_order)) {
        if (const TransferItem *item = find(id);
            item->state == State::Queued && !runtimeOf(item).foreign)
            return;
    }
    if (!m_pendingBatches.isEmpty())
        return;
    m_wasBusy = false;
    const int succeeded = std::exchange(m_sessionSucceeded, 0);
    const QStringList failed = std::exchange(m_sessionFailures, {});
    // The next burst of work starts new totals; items still waiting (paused, needing an answer)
    // stay counted.
    for (auto it = m_runtime.begin(); it != m_runtime.end(); ++it) {
        if (it->inSession && find(it.key())->isFinished())
            it->inSession = false;
    }
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
