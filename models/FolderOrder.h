#pragma once

#include <QRegularExpression>
#include <QString>
#include <Qt>
#include <vector>

// How the details view orders and filters the rows of one folder, as plain data: what a row is
// sorted by (its Key) and the rules, so that a worker can arrange a million rows while the
// window stays responsive (see FolderViewModel). The rules are those of a file manager and of
// RemoteSortFilterProxy::sortsBefore, which orders listings as they arrive: folders first in
// either direction, names in natural order ("img2" before "img10"), sizes and times by their
// raw values, names breaking ties (names are unique in a folder, so the order is total).
class FolderOrder
{
public:
    // What one row is sorted and filtered by: a copy of its name (shared, not duplicated), so a
    // worker can read it while the model changes. 40 bytes: a million of them are copied.
    struct Key
    {
        QString name;
        qint64 number = 0; // the size (a folder's measured size, 0 while unknown) or the time
        bool dir = false;
    };

    FolderOrder() = default;
    // `filter`: a case-insensitive substring, or with * or ? a wildcard pattern for the whole
    // name; empty for all.
    FolderOrder(int column, Qt::SortOrder order, const QString &filter);

    int column() const { return m_column; }
    Qt::SortOrder order() const { return m_order; }
    const QString &filter() const { return m_filter; }
    // Whether sorting needs Key::number (and which: size or time), for the key's maker.
    bool sortsBySize() const;
    bool sortsByTime() const;

    bool accepts(const QString &name) const;
    // Whether `a` is shown before `b`.
    bool before(const Key &a, const Key &b) const;
    // The positions in `keys` of the rows the filter accepts, in order. Thread-safe for
    // distinct `keys`: the app calls it on a worker for big folders.
    std::vector<int> arrange(std::vector<Key> &keys) const;

private:
    // `typeRanks`: for the Type column, each key's place among the distinct type texts.
    int compareColumn(const Key &a, const Key &b) const;
    bool beforeRanked(const Key &a, const Key &b, int rankA, int rankB) const;

    int m_column = 0;
    Qt::SortOrder m_order = Qt::AscendingOrder;
    QString m_filter;
    QRegularExpression m_pattern; // valid when the filter is a wildcard pattern
};
