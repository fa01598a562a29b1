#include "models/TransferModel.h"

#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferService.h"

namespace {
constexpr int kFlushMs = 250;
constexpr quintptr kTopLevel = 0; // internal id of a job row; a file row under a job has its key

// Calls `emitRun(first, last)` for each run of adjacent rows, in the order of `rows` once sorted
// by `compare`.
template<typename Compare, typename Emit>
void forEachRun(QList<int> rows, Compare compare, Emit emitRun)
{
    std::sort(rows.begin(), rows.end(), compare);
    const int step = compare(0, 1) ? 1 : -1;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + step)
            ++j;
        emitRun(qMin(rows.at(i), rows.at(j)), qMax(rows.at(i), rows.at(j)));
        i = j + 1;
    }
}
} // namespace

TransferModel::TransferModel(TransferService *transfers, QObject *parent)
    : QAbstractItemModel(parent), m_transfers(transfers)
{
    m_flushTimer.setInterval(kFlushMs);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &TransferModel::flush);
    m_countdownTimer.setInterval(1000);
    connect(&m_countdownTimer, &QTimer::timeout, this, &TransferModel::tickCountdowns);
    connect(transfers, &TransferService::itemsAdded, this, &TransferModel::onItemsAdded);
    connect(transfers, &TransferService::itemsRemoved, this, &TransferModel::onItemsRemoved);
    connect(transfers, &TransferService::itemChanged, this, [this](qint64 id) {
        m_changed.insert(id);
        if (!m_flushTimer.isActive())
            m_flushTimer.start();
        const TransferItem *item = m_transfers->item(id);
        if (item && item->retryAtMs > 0 && !m_countdownTimer.isActive())
            m_countdownTimer.start();
    });
    onItemsAdded(transfers->ids());
}

QModelIndex TransferModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid())
        return row < m_jobs.size() ? createIndex(row, column, kTopLevel) : QModelIndex();
    const TransferJob *job = jobAt(parent);
    if (!job || job->ids.size() < 2 || row >= job->ids.size() || parent.column() != 0)
        return {};
    return createIndex(row, column, quintptr(job->key));
}

QModelIndex TransferModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kTopLevel)
        return {};
    const int row = m_jobRow.value(qint64(child.internalId()), -1);
    return row < 0 ? QModelIndex() : createIndex(row, 0, kTopLevel);
}

int TransferModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_jobs.size());
    if (parent.column() != 0 || parent.internalId() != kTopLevel)
        return 0;
    const TransferJob *job = jobAt(parent);
    return job && job->ids.size() > 1 ? int(job->ids.size()) : 0;
}

int TransferModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() && parent.column() != 0 ? 0 : ColumnCount;
}

const TransferJob *TransferModel::jobAt(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() != kTopLevel || index.row() >= m_jobs.size())
        return nullptr;
    return &m_jobs.at(index.row());
}

qint64 TransferModel::itemAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return 0;
    if (index.internalId() == kTopLevel) {
        const TransferJob *job = jobAt(index);
        return job && job->ids.size() == 1 ? job->ids.first() : 0;
    }
    const int jobRow = m_jobRow.value(qint64(index.internalId()), -1);
    if (jobRow < 0)
        return 0;
    return m_jobs.at(jobRow).ids.value(index.row(), 0);
}

QModelIndex TransferModel::indexOf(qint64 id, int column) const
{
    const auto key = m_jobOf.constFind(id);
    if (key == m_jobOf.cend())
        return {};
    const int jobRow = m_jobRow.value(*key, -1);
    if (jobRow < 0)
        return {};
    const TransferJob &job = m_jobs.at(jobRow);
    if (job.ids.size() == 1)
        return createIndex(jobRow, column, kTopLevel);
    return createIndex(m_childRow.value(id), column, quintptr(job.key));
}

QList<qint64> TransferModel::itemIds(const QModelIndex &index) const
{
    if (const qint64 id = itemAt(index))
        return {id};
    if (const TransferJob *job = jobAt(index))
        return job->ids;
    return {};
}

void TransferModel::reindexJob(TransferJob &job)
{
    for (int row = 0; row < job.ids.size(); ++row) {
        m_childRow.insert(job.ids.at(row), row);
        m_jobOf.insert(job.ids.at(row), job.key);
    }
    job.describe(*m_transfers);
    job.refresh(*m_transfers);
}

void TransferModel::onItemsAdded(const QList<qint64> &ids)
{
    // Grouped by job, in the order the jobs first appear.
    QList<qint64> keys;
    QHash<qint64, QList<qint64>> fresh;
    for (const qint64 id : ids) {
        const TransferItem *item = m_transfers->item(id);
        if (!item || m_jobOf.contains(id))
            continue;
        const qint64 key = TransferJob::keyOf(*item);
        if (!fresh.contains(key))
            keys.append(key);
        fresh[key].append(id);
    }
    for (const qint64 key : std::as_const(keys)) {
        const QList<qint64> &added = fresh.value(key);
        const int jobRow = m_jobRow.value(key, -1);
        if (jobRow < 0) {
            // In the order they were asked for (batch ids count up), whichever was scanned
            // first: a small upload asked for after a big folder does not jump ahead of it.
            const auto at = std::lower_bound(
                m_jobs.cbegin(), m_jobs.cend(), key,
                [](const TransferJob &job, qint64 key) { return job.key < key; });
            const int row = int(at - m_jobs.cbegin());
            beginInsertRows({}, row, row);
            TransferJob job;
            job.key = key;
            job.ids = added;
            m_jobs.insert(row, job);
            for (int later = row; later < m_jobs.size(); ++later)
                m_jobRow.insert(m_jobs.at(later).key, later);
            reindexJob(m_jobs[row]);
            endInsertRows();
            continue;
        }
        TransferJob &job = m_jobs[jobRow];
        const QModelIndex parent = index(jobRow, 0);
        // A job of one file had no children: its file becomes the first of them.
        const int first = job.ids.size() == 1 ? 0 : int(job.ids.size());
        const int last = int(job.ids.size() + added.size()) - 1;
        beginInsertRows(parent, first, last);
        job.ids.append(added);
        reindexJob(job);
        endInsertRows();
        Q_EMIT dataChanged(index(jobRow, 0), index(jobRow, ColumnCount - 1));
    }
}

void TransferModel::onItemsRemoved(const QList<qint64> &ids)
{
    QHash<qint64, QSet<qint64>> gone; // job key -> its removed items
    for (const qint64 id : ids) {
        m_changed.remove(id);
        const auto key = m_jobOf.constFind(id);
        if (key != m_jobOf.cend())
            gone[*key].insert(id);
    }
    QList<int> emptied;
    for (auto it = gone.cbegin(); it != gone.cend(); ++it) {
        const int jobRow = m_jobRow.value(it.key(), -1);
        if (jobRow < 0)
            continue;
        TransferJob &job = m_jobs[jobRow];
        for (const qint64 id : it.value()) {
            m_jobOf.remove(id);
            m_childRow.remove(id);
        }
        QList<qint64> kept;
        for (const qint64 id : std::as_const(job.ids)) {
            if (!it.value().contains(id))
                kept.append(id);
        }
        if (kept.isEmpty()) {
            emptied.append(jobRow);
            continue;
        }
        const QModelIndex parent = index(jobRow, 0);
        if (kept.size() == 1) {
            // One file left: the job's row is that file's again, with no children.
            beginRemoveRows(parent, 0, int(job.ids.size()) - 1);
            job.ids = kept;
            endRemoveRows();
        } else {
            QList<int> rows;
            for (const qint64 id : it.value())
                rows.append(int(job.ids.indexOf(id)));
            // From the bottom up, so the rows not yet removed keep their numbers.
            forEachRun(rows, std::greater<int>(), [&](int first, int last) {
                beginRemoveRows(parent, first, last);
                job.ids.remove(first, last - first + 1);
                endRemoveRows();
            });
        }
        reindexJob(job);
        Q_EMIT dataChanged(index(jobRow, 0), index(jobRow, ColumnCount - 1));
    }
    forEachRun(emptied, std::greater<int>(), [&](int first, int last) {
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row)
            m_jobRow.remove(m_jobs.at(row).key);
        m_jobs.remove(first, last - first + 1);
        endRemoveRows();
    });
    if (!emptied.isEmpty()) {
        m_jobRow.clear();
        for (int row = 0; row < m_jobs.size(); ++row)
            m_jobRow.insert(m_jobs.at(row).key, row);
    }
}

void TransferModel::flush()
{
    QHash<qint64, QList<int>> children; // job key -> changed rows under it
    QList<int> jobRows;
    for (const qint64 id : std::exchange(m_changed, {})) {
        const auto key = m_jobOf.constFind(id);
        if (key == m_jobOf.cend())
            continue;
        const int jobRow = m_jobRow.value(*key, -1);
        if (jobRow < 0)
            continue;
        if (!children.contains(*key))
            jobRows.append(jobRow);
        if (m_jobs.at(jobRow).ids.size() > 1)
            children[*key].append(m_childRow.value(id));
        else
            children[*key];
    }
    for (const int jobRow : std::as_const(jobRows)) {
        TransferJob &job = m_jobs[jobRow];
        job.refresh(*m_transfers);
        const QModelIndex parent = index(jobRow, 0);
        forEachRun(children.value(job.key), std::less<int>(), [&](int first, int last) {
            Q_EMIT dataChanged(index(first, 0, parent), index(last, ColumnCount - 1, parent));
        });
    }
    forEachRun(jobRows, std::less<int>(), [&](int first, int last) {
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    });
}

void TransferModel::tickCountdowns()
{
    // "retrying in 12 s" counts down on screen while the engine waits for the service.
    bool any = false;
    for (int jobRow = 0; jobRow < m_jobs.size(); ++jobRow) {
        const TransferJob &job = m_jobs.at(jobRow);
        if (job.retryAtMs <= 0)
            continue;
        any = true;
        Q_EMIT dataChanged(index(jobRow, StateColumn), index(jobRow, StateColumn));
        if (job.ids.size() < 2)
            continue;
        const QModelIndex parent = index(jobRow, 0);
        for (int row = 0; row < job.ids.size(); ++row) {
            const TransferItem *item = m_transfers->item(job.ids.at(row));
            if (item && item->secondsUntilRetry() >= 0)
                Q_EMIT dataChanged(index(row, StateColumn, parent),
                                   index(row, StateColumn, parent));
        }
    }
    if (!any)
        m_countdownTimer.stop();
}

QVariant TransferModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (const qint64 id = itemAt(index))
        return itemData(id, index.column(), role);
    if (const TransferJob *job = jobAt(index))
        return jobData(*job, index.column(), role);
    return {};
}

QVariant TransferModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case DirectionColumn:
        return tr("Direction");
    case DestinationColumn:
        return tr("Destination");
    case SizeColumn:
        return tr("Size");
    case ProgressColumn:
        return tr("Progress");
    case SpeedColumn:
        return tr("Speed");
    case EtaColumn:
        return tr("Time left");
    case StateColumn:
        return tr("State");
    }
    return {};
}
