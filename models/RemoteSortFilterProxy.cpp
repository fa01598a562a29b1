#include "models/RemoteSortFilterProxy.h"

#include "models/FileKind.h"
#include "models/NaturalOrder.h"
#include "models/RemoteTreeModel.h"

namespace {

int compareColumn(const FileSpec &a, const FileSpec &b, int column)
{
    switch (column) {
    case RemoteTreeModel::SizeColumn:
        if (a.size != b.size)
            return a.size < b.size ? -1 : 1;
        return 0;
    case RemoteTreeModel::ModifiedColumn:
        if (a.updated != b.updated)
            return a.updated < b.updated ? -1 : 1;
        return 0;
    case RemoteTreeModel::TypeColumn:
        // By the text the column shows ("GGUF model", "PNG image"), as people read it; the
        // names break ties. The text depends on the extension alone: a folder of 100,000 PNGs
        // compares extensions, not 200,000 built and collated sentences.
        if (a.isDir() == b.isDir()
            && (a.isDir() || FileKind::extension(a.name) == FileKind::extension(b.name)))
            return 0;
        return QString::localeAwareCompare(FileKind::typeName(a.name, a.isDir()),
                                           FileKind::typeName(b.name, b.isDir()));
    default:
        return NaturalOrder::compare(a.name, b.name);
    }
}

} // namespace

RemoteSortFilterProxy::RemoteSortFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setRecursiveFilteringEnabled(false);
    // Sorted from the start, so the first rows to arrive are already in place.
    QSortFilterProxyModel::sort(RemoteTreeModel::NameColumn, Qt::AscendingOrder);
}

void RemoteSortFilterProxy::setSourceModel(QAbstractItemModel *model)
{
    m_tree = qobject_cast<RemoteTreeModel *>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void RemoteSortFilterProxy::sort(int column, Qt::SortOrder order)
{
    QSortFilterProxyModel::sort(column, order);
    Q_EMIT listingOrderChanged();
}

bool RemoteSortFilterProxy::sortsBefore(const FileSpec &a, const FileSpec &b, int column,
                                        Qt::SortOrder order)
{
    if (a.isDir() != b.isDir())
        return a.isDir(); // folders first, whichever the direction
    int result = compareColumn(a, b, column);
    if (result == 0)
        result = NaturalOrder::compare(a.name, b.name);
    return order == Qt::AscendingOrder ? result < 0 : result > 0;
}

ListingDiff::Order RemoteSortFilterProxy::listingOrder() const
{
    const int column = qMax(0, sortColumn());
    const Qt::SortOrder order = sortOrder();
    return [column, order](const FileSpec &a, const FileSpec &b) {
        return sortsBefore(a, b, column, order);
    };
}

bool RemoteSortFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const FileSpec *a = m_tree ? m_tree->specForIndex(left) : nullptr;
    const FileSpec *b = m_tree ? m_tree->specForIndex(right) : nullptr;
    if (!a || !b)
        return QSortFilterProxyModel::lessThan(left, right);
    if (left.column() == RemoteTreeModel::SizeColumn && a->isDir() && b->isDir()) {
        // Folders by their measured size; one not measured yet counts as 0, as in the
        // listing order, and moves when its size arrives (dataChanged on this column).
        const qint64 sizeA = m_tree->measuredSize(left);
        const qint64 sizeB = m_tree->measuredSize(right);
        if (sizeA != sizeB)
            return sizeA < sizeB; // Qt swaps the arguments for descending itself
    }
    // QSortFilterProxyModel shows descending order by swapping the arguments; undo that so the
    // folders stay first.
    const Qt::SortOrder order = sortOrder();
    return order == Qt::AscendingOrder ? sortsBefore(*a, *b, left.column(), order)
                                       : sortsBefore(*b, *a, left.column(), order);
}

void RemoteSortFilterProxy::setFoldersOnly(bool foldersOnly)
{
    if (m_foldersOnly == foldersOnly)
        return;
    m_foldersOnly = foldersOnly;
    invalidateRowsFilter();
}

bool RemoteSortFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const FileSpec *spec = m_tree ? m_tree->specForIndex(index) : nullptr;
    if (!spec)
        return true;
    return !m_foldersOnly || spec->isDir();
}
