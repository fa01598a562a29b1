// TransferEngine, part three: what people do to queue items (pause, resume, cancel, retry, clear)
// and the conflict questions they answer.
#include "network/transfer/TransferEngine.h"

#include "network/transfer/DownloadTask.h"
#include "network/transfer/ImportTask.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/UploadTask.h"

namespace {
using State = TransferItem::State;
using Direction = TransferItem::Direction;
} // namespace

void TransferEngine::pause(qint64 id)
{
    TransferItem *item = find(id);
    if (!item || item->isFinished() || item->state == State::Paused || isForeign(id))
        return;
    stopTask(id);
    setState(item, State::Paused);
    scheduleSoon();
}

void TransferEngine::resume(qint64 id)
{
    if (isForeign(id))
        adoptOrphans();
    TransferItem *item = find(id);
    if (!item || item->state != State::Paused)
        return;
    item->retryAtMs = 0; // "go on" means now, not after the wait the outage had set
    setState(item, State::Queued);
    scheduleSoon();
}

void TransferEngine::cancel(qint64 id)
{
    TransferItem *item = find(id);
    if (!item || item->isFinished() || isForeign(id))
        return;
    if (const TransferTask *shared = taskOf(id); shared && shared->items().size() > 1) {
        // A file in a pack keeps nothing to free; the pack stops and the others travel again.
        stopTask(id);
        setState(item, State::Cancelled, ApiError::make(ApiError::Kind::Cancelled, QString()));
        return;
    }
    TransferTask *task = takeTask(id);
    if (!task)
        task = makeTask(item); // nothing runs: a short-lived task only to free what it kept
    task->disconnect(this);
    task->discard();
    task->deleteLater();
    setState(item, State::Cancelled, ApiError::make(ApiError::Kind::Cancelled, QString()));
    scheduleSoon();
}

void TransferEngine::retry(qint64 id)
{
    if (isForeign(id) && adoptOrphans() > 0 && !isForeign(id))
        return; // taken over from an ended process: it goes on from what it kept
    TransferItem *item = find(id);
    if (!item)
        return;
    TransferRuntime &runtime = runtimeOf(item);
    runtime.noPack = true; // a retry goes the one-file way: it says exactly what is wrong
    runtime.autoRetries = 0;
    const bool wasHeld = item->retryAtMs > 0;
    item->retryAtMs = 0;
    if (!(item->state == State::Failed || item->state == State::Cancelled
          || item->state == State::Skipped)) {
        if (wasHeld && item->state == State::Queued) {
            // "Retry" on one that waits for the service: it tries now, and its row stops
            // counting down.
            Q_EMIT itemChanged(id);
            scheduleSoon();
        }
        return;
    }
    if (item->state == State::Skipped)
        item->conflictPolicy = ConflictPolicy::Ask;
    setState(item, State::Queued);
    scheduleSoon();
}

void TransferEngine::pauseAll()
{
    for (const qint64 id : std::as_const(m_order)) {
        const TransferItem *item = find(id);
        if (item->state == State::Queued || item->state == State::Running)
            pause(id);
    }
}

void TransferEngine::resumeAll()
{
    for (const qint64 id : std::as_const(m_order))
        resume(id);
}

void TransferEngine::clearFinished(const QList<qint64> &only)
{
    QList<qint64> removed;
    for (const qint64 id : std::as_const(m_order)) {
        if (find(id)->isFinished() && !isForeign(id) && (only.isEmpty() || only.contains(id)))
            removed.append(id);
    }
    if (removed.isEmpty())
        return;
    if (m_journal)
        m_journal->remove(removed);
    forget(removed);
    Q_EMIT itemsRemoved(removed);
    Q_EMIT totalsChanged();
}

void TransferEngine::onConflict(TransferItem *item, qint64 existingSize)
{
    const auto batchPolicy = m_batchPolicy.constFind(item->batchId);
    if (batchPolicy != m_batchPolicy.cend()) {
        answerConflict(item->id, *batchPolicy, false);
        return;
    }
    item->error = item->direction == Direction::Download
        ? QStringLiteral("%1 already exists here").arg(item->localPath)
        : QStringLiteral("%1 already exists on fal").arg(item->remotePath.absolute());
    item->errorKind = ApiError::Kind::Conflict;
    setState(item, State::NeedsAttention);
    if (!m_questionQueue.contains(item->id))
        m_questionQueue.append(item->id);
    runtimeOf(item).existingSize = existingSize;
    askNextQuestion();
    scheduleSoon();
}

void TransferEngine::askNextQuestion()
{
    if (m_askingAbout != 0 || !m_questions)
        return;
    while (!m_questionQueue.isEmpty()) {
        const qint64 id = m_questionQueue.takeFirst();
        TransferItem *item = find(id);
        if (!item || item->state != State::NeedsAttention)
            continue;
        m_askingAbout = id;
        QPointer<TransferEngine> self(this);
        m_questions->askConflict(*item, runtimeOf(item).existingSize,
                                 [self, id](TransferQuestions::ConflictAnswer answer) {
                                     if (!self)
                                         return;
                                     self->m_askingAbout = 0;
                                     self->answerConflict(id, answer.policy, answer.applyToBatch);
                                     self->askNextQuestion();
                                 });
        return;
    }
}

void TransferEngine::answerConflict(qint64 id, ConflictPolicy policy, bool applyToBatch)
{
    TransferItem *item = find(id);
    if (!item || policy == ConflictPolicy::Ask)
        return;
    auto apply = [this, policy](TransferItem *target) {
        target->conflictPolicy = policy;
        runtimeOf(target).existingSize = -1;
        if (policy == ConflictPolicy::Skip)
            setState(target, State::Skipped);
        else
            setState(target, State::Queued);
    };
    apply(item);
    if (applyToBatch) {
        m_batchPolicy.insert(item->batchId, policy);
        for (const qint64 other : std::as_const(m_order)) {
            TransferItem *sibling = find(other);
            if (sibling->batchId == item->batchId && sibling->state == State::NeedsAttention)
                apply(sibling);
        }
    }
    scheduleSoon();
}
