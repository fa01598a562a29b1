#pragma once

#include "models/FileKind.h"
#include "models/ListingDiff.h"
#include "network/api/ApiError.h"
#include "network/api/FileSpec.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QSet>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

class FilesClient;
class FolderLister;
class FolderSizeCache;
struct RemoteNode;

// fal's /data as a lazy tree: one top-level row for /data itself, and below it whatever has been
// listed. Folders report children before they are listed (hasChildren) and are listed on
// fetchMore(); answers are parsed and diffed off the UI thread and rows arrive in batches (a few
// milliseconds' worth per event-loop turn), so a folder of 100,000 entries never freezes the
// window. A refresh reconciles by name: rows that stayed keep their persistent indexes.
//
// Changes the app makes itself (rename, move, delete, new folder) are applied at once with the
// applyLocal*() calls and win over stale listings for a grace period (/data is eventually
// consistent), then the next listing decides.
class RemoteTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, SizeColumn, ModifiedColumn, TypeColumn, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString "/data/models/x"
        SizeRole, // qint64 bytes; a folder's measured size, 0 until it is known
        ModifiedRole, // QDateTime (UTC)
        CreatedRole, // QDateTime (UTC)
        IsDirRole, // bool
        KindRole, // int, FileKind::Kind
        LoadingRole, // bool: a listing of this folder is in flight or arriving
        ListedRole, // bool: the folder's rows are known
        ErrorRole, // QString: why the last listing failed; empty when it worked
        ChildCountRole, // int: listed children of a folder
    };
    using IconLookup = std::function<QIcon(FileKind::Kind kind, bool failed)>;

    static QString internalMimeType()
    {
        return QStringLiteral("application/x-fal-files-remote-paths");
    }

    explicit RemoteTreeModel(FilesClient *client, QObject *parent = nullptr);
    ~RemoteTreeModel() override;

    // QAbstractItemModel
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;
    Qt::DropActions supportedDropActions() const override
    {
        return Qt::CopyAction | Qt::MoveAction;
    }
    Qt::DropActions supportedDragActions() const override
    {
        return Qt::CopyAction | Qt::MoveAction;
    }

    // Lookups. Paths are resolved in what is loaded; nothing is fetched.
    QModelIndex rootIndex() const; // the /data row
    QModelIndex indexForPath(const RemotePath &path, int column = 0) const;
    RemotePath pathForIndex(const QModelIndex &index) const;
    const FileSpec *specForIndex(const QModelIndex &index) const; // null for an invalid index
    struct FolderStats
    {
        int files = 0;
        int folders = 0;
        qint64 bytes = 0;
    };
    FolderStats folderStats(const QModelIndex &folder) const;
    static QList<RemotePath> pathsFromMime(const QMimeData *data);

    // Folder sizes (RemoteTreeModelSizes.cpp): the folders of `folder` (the one the details view
    // shows) are measured in the background, the walks of the folder shown before stop. A
    // folder's Size cell reads "…" until its size arrives (dataChanged), "?" when it could not be
    // measured (the reason in its tooltip), and nothing when it was never asked for.
    void measureChildren(const QModelIndex &folder);
    FolderSizeCache *folderSizes() const { return m_sizes; }
    // What sorting by size uses: a file's size, a folder's measured size (0 while unknown).
    qint64 measuredSize(const QModelIndex &index) const;
    // A file's size is known; a folder's once measured.
    bool isSizeKnown(const QModelIndex &index) const;
    // The bytes under `folder`, files and measured folders together; nullopt while any of its
    // folders is not measured (or it has more than `maxFolders` to add up).
    std::optional<qint64> totalSize(const QModelIndex &folder, int maxFolders = 5000) const;

    // Lists the folder again (also the retry after an error). Rows that stay keep their indexes.
    void refresh(const QModelIndex &folder);
    void refreshPath(const RemotePath &folder); // a folder that is not loaded is left alone
    // The nearest folder at or above `path` that the tree has listed: what to list again after a
    // change made elsewhere (a transfer landed), so new folders appear too.
    RemotePath nearestListed(const RemotePath &path) const;
    // Lists the folders down to `path` one after another, then emits pathRevealed (or
    // revealFailed with a sentence for people). A later call replaces an earlier one.
    void revealPath(const RemotePath &path);

    // What the app did itself, shown at once.
    void applyLocalInsert(const FileSpec &spec);
    void applyLocalRemove(const RemotePath &path);
    void applyLocalMove(const RemotePath &from, const RemotePath &to);
    void setLocalChangeGraceMs(int ms) { m_graceMs = ms; }

    // Rows per event-loop turn while a listing arrives: by default as many as take about 4 ms
    // (m_batchBudgetMs; the size adapts between kMinBatch and kMaxBatch); setBatchSize() fixes
    // the size instead (tests, benchmarks).
    void setBatchSize(int rows)
    {
        m_batchSize = qMax(1, rows);
        m_batchBudgetMs = 0;
    }
    static constexpr int kMinBatch = 200;
    static constexpr int kMaxBatch = 20'000;
    static constexpr qint64 kRowWalkBudget = 15'000'000;
    // The order new rows are inserted in: the view's sort order makes every batch one contiguous
    // block for a sorting proxy (see RemoteSortFilterProxy::listingOrder()). Called on a worker.
    void setListingOrder(ListingDiff::Order order) { m_order = std::move(order); }
    void setIconLookup(IconLookup lookup) { m_icons = std::move(lookup); }
    bool isBusy() const; // any listing in flight or rows waiting

    // Forgets everything and lists /data again (another account or endpoint).
    void reset();

Q_SIGNALS:
    void folderLoaded(const RemotePath &folder);
    void folderFailed(const RemotePath &folder, const QString &message);
    void folderGone(const RemotePath &folder);
    // A listing held entries that cannot be shown (an impossible name...): one sentence each.
    void entriesLeftOut(const RemotePath &folder, const QStringList &why);
    void pathRevealed(const RemotePath &path);
    void revealFailed(const RemotePath &path, const QString &message);
    void busyChanged(bool busy);
    // Drops and edits are requests: the window runs the jobs (and asks about conflicts), then
    // reports the outcome through applyLocal*().
    void renameRequested(const RemotePath &path, const QString &newName);
    void moveRequested(const QList<RemotePath> &paths, const RemotePath &targetFolder);
    void uploadRequested(const QStringList &localPaths, const RemotePath &targetFolder);

private:
    RemoteNode *nodeFor(const QModelIndex &index) const;
    QModelIndex indexFor(const RemoteNode *node, int column = 0) const;
    RemoteNode *findNode(const RemotePath &path) const;
    RemoteNode *dropTarget(const QModelIndex &parent) const;
    void startListing(RemoteNode *node);
    void onDiffReady(const RemotePath &folder, const ListingDiff &diff, quint64 revision);
    void onListFailed(const RemotePath &folder, const ApiError &error);
    void onFolderGone(const RemotePath &folder);
    void applyDiff(RemoteNode *node, const ListingDiff &diff);
    void removeRows(RemoteNode *node, const QList<int> &ascendingRows);
    void insertNodes(RemoteNode *node, QList<FileSpec> specs);
    void pumpBatches();
    void adaptBatchSize(qint64 micros, qsizetype rows);
    void finishListing(RemoteNode *node);
    void expect(const RemotePath &path, bool present, const FileSpec &spec = {});
    void notifyFolderChanged(RemoteNode *node, const QList<int> &roles);
    void continueReveal();
    void updateBusy();
    QVariant folderSizeData(const RemoteNode *node, int role) const;
    void onFolderSizeChanged(const RemotePath &folder);
    // The app changed something at `path`: sizes that included it are measured again.
    void sizesChangedAt(const RemotePath &path);
    void measureNew(const RemoteNode *folder, int firstNewRow);

    FilesClient *m_client;
    std::unique_ptr<RemoteNode> m_invisibleRoot;
    FolderLister *m_lister;
    FolderSizeCache *m_sizes;
    QTimer m_batchTimer;
    QList<RemotePath> m_batchQueue;
    ListingDiff::Order m_order;
    IconLookup m_icons;
    int m_batchSize = 1000;
    int m_batchBudgetMs = 4;
    int m_graceMs = 30'000;
    bool m_busy = false;
    QSet<RemotePath> m_loading; // listings in flight or being diffed
    std::optional<RemotePath> m_reveal;
    QSet<RemotePath> m_revealRelisted; // listed again once because the next step was missing
};
