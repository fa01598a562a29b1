// TransferEngine, part four: the runtime state of each item (TransferRuntime), where it is made
// and dropped, and what the engine answers from it (speed, time left, totals, the next hold).
#include "network/transfer/TransferEngine.h"

#include <algorithm>

namespace {
using State = TransferItem::State;
} // namespace

TransferRuntime &TransferEngine::admit(std::unique_ptr<TransferItem> item)
{
    const qint64 id = item->id;
    m_order.append(id);
    m_items.emplace(id, std::move(item));
    return m_runtime[id];
}

void TransferEngine::forget(const QList<qint64> &ids)
{
    for (const qint64 id : ids) {
        m_order.removeOne(id);
        m_items.erase(id);
        m_runtime.remove(id);
        m_questionQueue.removeOne(id);
    }
}

const TransferRuntime *TransferEngine::findRuntime(qint64 id) const
{
    const auto it = m_runtime.constFind(id);
    return it == m_runtime.cend() ? nullptr : &*it;
}

bool TransferEngine::isForeign(qint64 id) const
{
    const TransferRuntime *runtime = findRuntime(id);
    return runtime && runtime->foreign;
}

bool TransferEngine::hasForeign() const
{
    return std::any_of(m_runtime.cbegin(), m_runtime.cend(),
                       [](const TransferRuntime &runtime) { return runtime.foreign; });
}

TransferTask *TransferEngine::taskOf(qint64 id) const
{
    const TransferRuntime *runtime = findRuntime(id);
    return runtime ? runtime->task : nullptr;
}

TransferTask *TransferEngine::takeTask(qint64 id)
{
    const auto it = m_runtime.find(id);
    return it == m_runtime.end() ? nullptr : std::exchange(it->task, nullptr);
}

int TransferEngine::runningTaskCount() const
{
    // A pack runs many items as one request: it takes one slot.
    QSet<TransferTask *> tasks;
    for (const TransferRuntime &runtime : m_runtime) {
        if (runtime.task)
            tasks.insert(runtime.task);
    }
    return int(tasks.size());
}

qint64 TransferEngine::runningForMs(qint64 id) const
{
    const TransferRuntime *runtime = findRuntime(id);
    return runtime && runtime->task ? QDateTime::currentMSecsSinceEpoch() - runtime->startedAtMs
                                    : 0;
}

double TransferEngine::bytesPerSecond(qint64 id) const
{
    const TransferRuntime *runtime = findRuntime(id);
    return runtime && runtime->task ? runtime->speed.bytesPerSecond() : 0.0;
}

qint64 TransferEngine::secondsLeft(qint64 id) const
{
    const TransferItem *item = find(id);
    const TransferRuntime *runtime = findRuntime(id);
    if (!item || !runtime || !runtime->task || item->size < 0)
        return -1;
    return runtime->speed.secondsLeft(item->size - item->bytesDone);
}

TransferEngine::Totals TransferEngine::totals() const
{
    Totals totals;
    for (const qint64 id : m_order) {
        const TransferItem *item = find(id);
        switch (item->state) {
        case State::Queued:
            ++totals.queued;
            break;
        case State::Running:
            ++totals.running;
            break;
        case State::Paused:
            ++totals.paused;
            break;
        case State::NeedsAttention:
            ++totals.attention;
            break;
        case State::Failed:
            ++totals.failed;
            break;
        case State::Done:
            ++totals.done;
            break;
        default:
            break;
        }
        const TransferRuntime *runtime = findRuntime(id);
        const bool counted = runtime && runtime->inSession && item->state != State::Cancelled
            && item->state != State::Skipped;
        if (!counted)
            continue;
        if (item->size > 0) {
            totals.bytesTotal += item->size;
            totals.bytesDone
                += item->state == State::Done ? item->size : qMin(item->bytesDone, item->size);
        }
    }
    totals.bytesPerSecond = m_totalSpeed.bytesPerSecond();
    totals.secondsLeft = m_totalSpeed.secondsLeft(totals.bytesTotal - totals.bytesDone);
    return totals;
}

qint64 TransferEngine::nextRetryAtMs() const
{
    // A queued item's retryAtMs is its hold (a running one's is its requests' own wait).
    qint64 earliest = 0;
    for (const auto &entry : m_items) {
        const TransferItem &item = *entry.second;
        if (item.state == State::Queued && item.retryAtMs > 0
            && (earliest == 0 || item.retryAtMs < earliest))
            earliest = item.retryAtMs;
    }
    return earliest;
}
