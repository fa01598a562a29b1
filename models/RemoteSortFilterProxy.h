#pragma once

#include "models/ListingDiff.h"

#include <QPersistentModelIndex>
#include <QRegularExpression>
#include <QSortFilterProxyModel>

class RemoteTreeModel;

// Sorting and filtering over RemoteTreeModel, as a file manager does it: folders first in either
// direction, names in natural order ("img2" before "img10"), sizes and times by their raw values.
// The name filter applies to the children of one folder only (the one the details view shows),
// so the folders above it stay and the tree remains navigable. With setFoldersOnly(true) it is
// the folder tree's model.
class RemoteSortFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RemoteSortFilterProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setFoldersOnly(bool foldersOnly);
    // Substring, case-insensitive; with * or ? a wildcard pattern.
    void setNameFilter(const QString &text);
    // The source folder whose children the name filter applies to.
    void setFilterFolder(const QModelIndex &sourceFolder);

    // The order this proxy shows rows in, for RemoteTreeModel::setListingOrder(): rows that
    // arrive in it land as one block at the end, instead of one insertion per row.
    ListingDiff::Order listingOrder() const;
    // Whether `a` is shown before `b` when sorting by `column` in `order`.
    static bool sortsBefore(const FileSpec &a, const FileSpec &b, int column, Qt::SortOrder order);

Q_SIGNALS:
    void listingOrderChanged();

protected:
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    RemoteTreeModel *m_tree = nullptr;
    bool m_foldersOnly = false;
    QString m_nameFilter;
    QRegularExpression m_pattern; // valid when the filter is a wildcard pattern
    QPersistentModelIndex m_filterFolder;
};
