#pragma once

#include "models/FolderOrder.h"
#include "models/ListingDiff.h"

#include <QAbstractProxyModel>
#include <QFutureWatcher>
#include <QPersistentModelIndex>
#include <QTimer>
#include <limits>
#include <utility>
#include <vector>

class RemoteTreeModel;

// The rows of one folder of RemoteTreeModel as the details view shows them: a flat list, sorted
// and filtered, after Dolphin's KFileItemModel. A big folder (more than asyncThreshold() rows) is
// ordered on a worker from a copy of what its rows sort by, and the view gets the finished order
// in one layout change: sorting or filtering a million rows never freezes the window (a
// QSortFilterProxyModel compares them on the UI thread, one QModelIndex per comparison). Small
// folders are ordered on the spot. Rows that arrive, change or go while a worker is busy are
// placed as they come and merged into its answer when it lands.
//
// The shown folder is the view's root: mapFromSource(folder()) is the invalid index, so the view
// keeps an invalid root index, and a drop on its empty space goes into the folder.
class FolderViewModel : public QAbstractProxyModel
{
    Q_OBJECT
public:
    explicit FolderViewModel(QObject *parent = nullptr);
    ~FolderViewModel() override;

    void setSourceModel(QAbstractItemModel *model) override; // a RemoteTreeModel
    // The source folder whose rows are shown; another one resets the model.
    void setFolder(const QModelIndex &sourceFolder);
    QModelIndex folder() const { return m_folder; }
    // Substring, case-insensitive; with * or ? a wildcard pattern for the whole name.
    void setNameFilter(const QString &text);
    QString nameFilter() const { return m_order.filter(); }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_order.column(); }
    Qt::SortOrder sortOrder() const { return m_order.order(); }
    // The order rows are shown in, for RemoteTreeModel::setListingOrder(): rows that arrive in
    // it are appended as one block.
    ListingDiff::Order listingOrder() const;
    // Folders with more rows than this are ordered on a worker.
    void setAsyncThreshold(int rows) { m_asyncThreshold = qMax(0, rows); }
    int asyncThreshold() const { return m_asyncThreshold; }
    bool isArranging() const { return m_job.running; }
    // At most this many rows copied for a worker per event-loop turn (tests); by default as
    // many as take ~8 ms.
    void setCopySliceRows(int rows) { m_copySliceRows = qMax(1, rows); }
    // Tests: an order on its way stops before its worker starts, until released.
    void holdArranging(bool hold);

    // QAbstractProxyModel
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    void listingOrderChanged();
    // The rows are in the asked order: a worker's order has landed and no other is on its way.
    void arranged();

private:
    struct Arranged
    {
        quint64 generation = 0;
        std::vector<int> rows; // positions in the worker's copy, in order
    };
    // The worker's order and what happened to the source rows since its copy was taken.
    struct Job
    {
        quint64 generation = 0;
        bool running = false;
        bool stale = false; // rows changed meanwhile: arrange again once it lands
        bool copying = false; // the copy for the worker is being taken, turn by turn
        int rows = 0; // the folder's rows when the copy was started
        std::vector<FolderOrder::Key> keys; // the copy, while it is being taken
        std::vector<std::pair<int, int>> removals; // source rows first..last, in turn
    };

    int sourceRows() const;
    FolderOrder::Key keyFor(int sourceRow) const;
    QString nameOf(int sourceRow) const; // for the filter: no key built
    bool lessRows(int sourceA, int sourceB) const;
    std::vector<FolderOrder::Key> snapshot() const;
    void rebuildInverse();
    // Shows exactly `target` (source rows, in order): inserts, moves and removes as needed.
    void applyOrder(std::vector<int> target);
    void removeProxyRows(std::vector<int> ascendingProxyRows);
    void place(std::vector<int> sourceRows);
    void appendRows(const std::vector<int> &sourceRows);
    // `rows` (sorted) put among `base` (sorted) where they belong.
    std::vector<int> mergeSorted(const std::vector<int> &base, const std::vector<int> &rows) const;
    void rearrange();
    void startJob();
    void copySome();
    void onJobFinished();
    void clearRows();

    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    void onRowsRemoved(const QModelIndex &parent, int first, int last);
    void onDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                       const QList<int> &roles);

    RemoteTreeModel *m_tree = nullptr;
    QPersistentModelIndex m_folder;
    FolderOrder m_order;
    std::vector<int> m_rows; // proxy row -> source row
    std::vector<int> m_proxyOf; // source row -> proxy row, -1 when filtered out
    std::vector<char> m_isDir; // source row -> a folder (for flags())
    int m_asyncThreshold = 20'000;
    int m_copySliceRows = std::numeric_limits<int>::max();
    bool m_held = false;
    quint64 m_generation = 0;
    Job m_job;
    QFutureWatcher<Arranged> m_watcher;
    QTimer m_copyTimer;
};
