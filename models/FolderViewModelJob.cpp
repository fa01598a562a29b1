// FolderViewModel: ordering a big folder on a worker. The copy of what its rows sort by is taken
// a few milliseconds per event-loop turn, FolderOrder::arrange runs on the pool, and the answer
// is renumbered past the rows removed meanwhile and merged with the rows that arrived.
#include "models/FolderViewModel.h"

#include "models/RemoteTreeModel.h"

#include <QElapsedTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <numeric>

namespace {
// Rows that arrived while a worker sorted are merged on the spot up to this many (each costs
// ~20 comparisons); more are left to another worker.
constexpr size_t kFewLateRows = 2000;
// How long the copy for a worker may hold the UI thread per event-loop turn.
constexpr qint64 kCopyBudgetMs = 8;
} // namespace

void FolderViewModel::startJob()
{
    ++m_generation;
    m_job = Job();
    m_job.generation = m_generation;
    m_job.running = true;
    m_job.copying = true;
    m_job.rows = sourceRows();
    m_job.keys.reserve(size_t(m_job.rows));
    copySome();
}

void FolderViewModel::holdArranging(bool hold)
{
    m_held = hold;
    if (!hold && m_job.copying)
        m_copyTimer.start();
}

void FolderViewModel::copySome()
{
    if (!m_job.running || !m_job.copying || m_held)
        return;
    // The copy is taken on the UI thread (the rows change under a worker otherwise), a few
    // milliseconds per event-loop turn: ~110 ns a row, so a million rows would stall the window
    // for a tenth of a second in one go. The comparisons, n log n of them, run on the worker.
    QElapsedTimer clock;
    clock.start();
    for (int copied = 0; int(m_job.keys.size()) < m_job.rows; ++copied) {
        if (copied == m_copySliceRows
            || ((m_job.keys.size() & 4095) == 4095 && clock.elapsed() >= kCopyBudgetMs))
            break;
        m_job.keys.push_back(keyFor(int(m_job.keys.size())));
    }
    if (int(m_job.keys.size()) < m_job.rows) {
        m_copyTimer.start();
        return;
    }
    m_job.copying = false;
    auto work
        = [generation = m_generation, order = m_order, keys = std::move(m_job.keys)]() mutable {
              return Arranged {generation, order.arrange(keys)};
          };
    m_job.keys = {};
    m_watcher.setFuture(QtConcurrent::run(std::move(work)));
}

void FolderViewModel::onJobFinished()
{
    QFuture<Arranged> future = m_watcher.future();
    if (!future.isValid() || future.resultCount() == 0)
        return;
    Arranged arranged = future.takeResult();
    if (!m_job.running || arranged.generation != m_job.generation)
        return; // another order was asked for since
    m_job.running = false;

    // The worker numbered the rows as they were when it started: renumber past the removals.
    std::vector<int> alive(size_t(m_job.rows));
    std::iota(alive.begin(), alive.end(), 0);
    for (const auto &[first, last] : m_job.removals) {
        const size_t end = std::min(alive.size(), size_t(last) + 1);
        if (size_t(first) < end)
            alive.erase(alive.begin() + first, alive.begin() + qsizetype(end));
    }
    std::vector<int> now(size_t(m_job.rows), -1);
    for (size_t i = 0; i < alive.size(); ++i)
        now[size_t(alive[i])] = int(i);
    std::vector<int> target;
    target.reserve(arranged.rows.size());
    for (const int row : arranged.rows) {
        if (now[size_t(row)] >= 0)
            target.push_back(now[size_t(row)]);
    }
    // Rows that arrived meanwhile: merged here when few, else by another worker.
    std::vector<int> late;
    for (int row = int(alive.size()); row < sourceRows(); ++row) {
        if (m_order.accepts(nameOf(row)))
            late.push_back(row);
    }
    bool again = m_job.stale;
    if (late.size() > kFewLateRows) {
        target.insert(target.end(), late.begin(), late.end());
        again = true;
    } else if (!late.empty()) {
        std::sort(late.begin(), late.end(), [this](int a, int b) { return lessRows(a, b); });
        target = mergeSorted(target, late);
    }
    applyOrder(std::move(target));
    if (again)
        rearrange();
    else
        Q_EMIT this->arranged();
}
