#pragma once

#include "models/ListingDiff.h"

#include <QSortFilterProxyModel>

class RemoteTreeModel;

// Sorting over RemoteTreeModel, as a file manager does it: folders first in either direction,
// names in natural order ("img2" before "img10"), sizes and times by their raw values. With
// setFoldersOnly(true) it is the folder tree's model; sortsBefore() is also the order listings
// are sorted in as they arrive. The details view has a model of its own (FolderViewModel).
class RemoteSortFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RemoteSortFilterProxy(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *model) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setFoldersOnly(bool foldersOnly);

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
};
