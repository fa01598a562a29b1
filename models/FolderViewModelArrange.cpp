// FolderViewModel: putting rows in order. Few rows are placed on the spot; a whole folder's
// order is computed by FolderOrder::arrange, on the spot for small folders and on a worker for
// big ones (FolderViewModelJob.cpp), and handed to the view by applyOrder().
#include "models/FolderViewModel.h"

#include "models/ModelsLog.h"
#include "models/RemoteTreeModel.h"

#include <algorithm>
#include <limits>

namespace {
// Up to this many separate changes are announced one by one (what a view animates least); more
// go through one layout change, which costs a view one walk of its rows whatever their number.
constexpr size_t kFewRows = 32;
} // namespace

FolderOrder::Key FolderViewModel::keyFor(int sourceRow) const
{
    const QModelIndex index = m_tree->index(sourceRow, 0, m_folder);
    const FileSpec *spec = m_tree->specForIndex(index);
    if (!spec)
        return {};
    FolderOrder::Key key {spec->name, 0, spec->isDir()};
    if (m_order.sortsBySize())
        key.number = spec->isDir() ? m_tree->measuredSize(index) : spec->size;
    else if (m_order.sortsByTime())
        key.number = spec->updated.isValid() ? spec->updated.toMSecsSinceEpoch()
                                             : std::numeric_limits<qint64>::min();
    return key;
}

QString FolderViewModel::nameOf(int sourceRow) const
{
    const FileSpec *spec = m_tree->specForIndex(m_tree->index(sourceRow, 0, m_folder));
    return spec ? spec->name : QString();
}

bool FolderViewModel::lessRows(int sourceA, int sourceB) const
{
    return m_order.before(keyFor(sourceA), keyFor(sourceB));
}

std::vector<FolderOrder::Key> FolderViewModel::snapshot() const
{
    std::vector<FolderOrder::Key> keys;
    const int rows = sourceRows();
    keys.reserve(size_t(rows));
    for (int row = 0; row < rows; ++row)
        keys.push_back(keyFor(row));
    return keys;
}

void FolderViewModel::rebuildInverse()
{
    std::fill(m_proxyOf.begin(), m_proxyOf.end(), -1);
    for (size_t i = 0; i < m_rows.size(); ++i)
        m_proxyOf[size_t(m_rows[i])] = int(i);
}

void FolderViewModel::applyOrder(std::vector<int> target)
{
    std::vector<char> kept(m_proxyOf.size(), 0); // by source row
    for (const int row : target)
        kept[size_t(row)] = 1;
    // Rows that go, where they are when they are few ranges (a rename out of the filter): the
    // view then keeps its current row near them, as when a row is deleted, instead of finding
    // it at the end of the list.
    std::vector<int> going;
    size_t ranges = 0;
    for (size_t at = 0; at < m_rows.size(); ++at) {
        if (!kept[size_t(m_rows[at])]) {
            ranges += going.empty() || going.back() != int(at) - 1 ? 1 : 0;
            going.push_back(int(at));
        }
    }
    if (!going.empty() && ranges <= kFewRows)
        removeProxyRows(std::move(going));
    // Rows not shown yet go in at the end, as one block.
    std::vector<int> added;
    for (const int row : target) {
        if (m_proxyOf[size_t(row)] < 0)
            added.push_back(row);
    }
    if (!added.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const int row : added) {
            m_proxyOf[size_t(row)] = int(m_rows.size());
            m_rows.push_back(row);
        }
        endInsertRows();
    }
    // Then every row to its place, the ones that go at the end...
    std::vector<int> doomed;
    for (const int row : m_rows) {
        if (!kept[size_t(row)])
            doomed.push_back(row);
    }
    target.insert(target.end(), doomed.begin(), doomed.end());
    if (target != m_rows) {
        Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
        const QModelIndexList from = persistentIndexList();
        const std::vector<int> before = std::exchange(m_rows, std::move(target));
        rebuildInverse();
        QModelIndexList to;
        to.reserve(from.size());
        for (const QModelIndex &index : from) {
            const int row = m_proxyOf[size_t(before[size_t(index.row())])];
            to.append(this->index(row, index.column()));
        }
        changePersistentIndexList(from, to);
        Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    }
    // ...which then go as one block.
    if (!doomed.empty()) {
        const int first = int(m_rows.size() - doomed.size());
        beginRemoveRows({}, first, int(m_rows.size()) - 1);
        for (const int row : doomed)
            m_proxyOf[size_t(row)] = -1;
        m_rows.resize(size_t(first));
        endRemoveRows();
    }
}

void FolderViewModel::removeProxyRows(std::vector<int> rows)
{
    if (rows.empty())
        return;
    size_t ranges = 1;
    for (size_t i = 1; i < rows.size(); ++i)
        ranges += rows[i] != rows[i - 1] + 1 ? 1 : 0;
    if (ranges > kFewRows) {
        std::vector<int> target;
        target.reserve(m_rows.size() - rows.size());
        size_t next = 0;
        for (size_t i = 0; i < m_rows.size(); ++i) {
            if (next < rows.size() && rows[next] == int(i))
                ++next;
            else
                target.push_back(m_rows[i]);
        }
        applyOrder(std::move(target));
        return;
    }
    // From the end, one contiguous range at a time, so the rows still to go keep their numbers.
    for (size_t i = rows.size(); i > 0;) {
        const int last = rows[--i];
        int first = last;
        while (i > 0 && rows[i - 1] == first - 1) {
            --i;
            --first;
        }
        beginRemoveRows({}, first, last);
        for (int row = first; row <= last; ++row)
            m_proxyOf[size_t(m_rows[size_t(row)])] = -1;
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        for (size_t row = size_t(first); row < m_rows.size(); ++row)
            m_proxyOf[size_t(m_rows[row])] = int(row);
        endRemoveRows();
    }
}

std::vector<int> FolderViewModel::mergeSorted(const std::vector<int> &base,
                                              const std::vector<int> &rows) const
{
    // Binary searches, not std::merge: k rows into n cost k log n comparisons, not n + k.
    const auto less = [this](int a, int b) { return lessRows(a, b); };
    std::vector<int> merged;
    merged.reserve(base.size() + rows.size());
    auto from = base.begin();
    for (const int row : rows) {
        const auto at = std::upper_bound(from, base.end(), row, less);
        merged.insert(merged.end(), from, at);
        merged.push_back(row);
        from = at;
    }
    merged.insert(merged.end(), from, base.end());
    return merged;
}

void FolderViewModel::appendRows(const std::vector<int> &rows)
{
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(rows.size()) - 1);
    for (const int row : rows) {
        m_proxyOf[size_t(row)] = int(m_rows.size());
        m_rows.push_back(row);
    }
    endInsertRows();
}

void FolderViewModel::place(std::vector<int> rows)
{
    if (rows.empty())
        return;
    const auto less = [this](int a, int b) { return lessRows(a, b); };
    if (m_job.running) {
        appendRows(rows); // for now; merged into the worker's order when it lands
        return;
    }
    // Each key made once: a batch of a listing is usually in order already.
    std::vector<FolderOrder::Key> keys;
    keys.reserve(rows.size());
    for (const int row : rows)
        keys.push_back(keyFor(row));
    bool inOrder = true;
    for (size_t i = 1; i < keys.size() && inOrder; ++i)
        inOrder = m_order.before(keys[i - 1], keys[i]);
    if (!inOrder)
        std::sort(rows.begin(), rows.end(), less);
    if (m_rows.empty() || less(m_rows.back(), rows.front())) {
        appendRows(rows); // a listing arriving in the view's order: one block at the end
        return;
    }
    if (rows.size() <= kFewRows) {
        for (const int row : rows) {
            const auto at = std::upper_bound(m_rows.begin(), m_rows.end(), row, less);
            const int position = int(at - m_rows.begin());
            beginInsertRows({}, position, position);
            m_rows.insert(at, row);
            for (size_t i = size_t(position); i < m_rows.size(); ++i)
                m_proxyOf[size_t(m_rows[i])] = int(i);
            endInsertRows();
        }
        return;
    }
    if (sourceRows() > m_asyncThreshold) {
        appendRows(rows); // a worker merges them
        rearrange();
        return;
    }
    applyOrder(mergeSorted(m_rows, rows));
}

void FolderViewModel::rearrange()
{
    if (!m_tree || !m_folder.isValid())
        return;
    if (sourceRows() > m_asyncThreshold) {
        startJob();
        return;
    }
    ++m_generation; // a worker's order on its way is of no use any more
    m_job = Job();
    m_copyTimer.stop();
    std::vector<FolderOrder::Key> keys = snapshot();
    applyOrder(m_order.arrange(keys));
}

void FolderViewModel::onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                    const QList<int> &roles)
{
    if (!m_folder.isValid() || topLeft.parent() != m_folder)
        return;
    const int first = topLeft.row();
    const int last = std::min(bottomRight.row(), int(m_proxyOf.size()) - 1);
    std::vector<int> shown;
    for (int row = first; row <= last; ++row) {
        if (m_proxyOf[size_t(row)] >= 0)
            shown.push_back(m_proxyOf[size_t(row)]);
    }
    if (!shown.empty()) {
        const auto [low, high] = std::minmax_element(shown.begin(), shown.end());
        if (shown.size() <= kFewRows) {
            for (const int row : shown)
                Q_EMIT dataChanged(index(row, topLeft.column()), index(row, bottomRight.column()),
                                   roles);
        } else {
            Q_EMIT dataChanged(index(*low, topLeft.column()), index(*high, bottomRight.column()),
                               roles);
        }
    }
    const bool reorders = roles.isEmpty() || roles.contains(Qt::DisplayRole)
        || roles.contains(Qt::EditRole) || roles.contains(RemoteTreeModel::SizeRole)
        || roles.contains(RemoteTreeModel::ModifiedRole);
    if (!reorders)
        return;
    if (m_job.running) {
        m_job.stale = true; // the worker sorts what the rows were
        return;
    }
    // The rows out of place now, or shown or hidden by the filter now.
    std::vector<int> moved;
    for (int row = first; row <= last; ++row) {
        const int at = m_proxyOf[size_t(row)];
        const bool accepted = m_order.accepts(nameOf(row));
        if (at < 0) {
            if (accepted)
                moved.push_back(row);
            continue;
        }
        const bool inPlace = accepted && (at == 0 || lessRows(m_rows[size_t(at) - 1], row))
            && (size_t(at) + 1 == m_rows.size() || lessRows(row, m_rows[size_t(at) + 1]));
        if (!inPlace)
            moved.push_back(row);
    }
    if (moved.empty())
        return;
    if (moved.size() > kFewRows && sourceRows() > m_asyncThreshold) {
        rearrange();
        return;
    }
    std::vector<char> isMoved(m_proxyOf.size(), 0);
    for (const int row : moved)
        isMoved[size_t(row)] = 1;
    std::vector<int> base;
    base.reserve(m_rows.size());
    for (const int row : m_rows) {
        if (!isMoved[size_t(row)])
            base.push_back(row);
    }
    std::vector<int> again;
    for (const int row : moved) {
        if (m_order.accepts(nameOf(row)))
            again.push_back(row);
    }
    std::sort(again.begin(), again.end(), [this](int a, int b) { return lessRows(a, b); });
    applyOrder(mergeSorted(base, again));
}
