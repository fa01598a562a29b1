#pragma once

#include "network/api/Job.h"
#include "network/sync/IgnoreRules.h"
#include "network/sync/SyncPlan.h"

#include <QFutureWatcher>
#include <QList>
#include <QPointer>
#include <atomic>
#include <memory>

class FilesClient;
class RemoteWalker;
class StatJob;
class SyncStateStore;

// Works out what a sync must do (a SyncPlan) without changing anything anywhere: scans the local
// folder (LocalSyncScanner, on a worker) while it walks the /data folder (RemoteWalker), then
// compares file by file:
//
// - only on the source: new; a different size: replaced;
// - the same size: unchanged when the pair's record (SyncStateStore) shows both sides exactly as
//   they were when last found in sync, or, on a download without --checksum, when the local
//   mtime equals the server's updated_time (the sync sets it so, as rclone does); otherwise by
//   SHA-256: the listing's checksum_sha256, else POST exists?calculate_checksum=true (a few at a
//   time), against the local file's hash (from the cache by path, size and mtime, else read on
//   a worker). --checksum skips the record, the mtime and the cache: both sides are hashed.
// - only on the destination, with --delete: deleted, a folder the source lacks entirely in one
//   go, unless it holds something excluded.
//
// Excluded (IgnoreRules: the local folder's top-level .falignore and .gitignore, then
// --exclude) is excluded on both sides: neither copied nor deleted.
class SyncPlanner : public Job
{
    Q_OBJECT
public:
    SyncPlanner(FilesClient *client, SyncStateStore *store, const SyncOptions &options,
                QObject *parent = nullptr);
    ~SyncPlanner() override;

    const SyncPlan &plan() const { return m_plan; }

    // The rules a sync of `localRoot` follows; `summary` says where they came from.
    static IgnoreRules rulesFor(const QString &localRoot, const QStringList &excludes,
                                QString *summary = nullptr);

    static constexpr int kChecksumsInFlight = 4;
    static constexpr int kHashChunkFiles = 256;
    static constexpr qint64 kHashChunkBytes = 1024LL * 1024 * 1024;

protected:
    void doStart() override;
    void doCancel() override;

private:
    struct Candidate
    {
        QString path;
        SyncFile local;
        SyncFile remote;
        QString localHash;
        QString remoteHash;
    };
    void sideDone();
    void buildRemoteTree();
    void compare();
    void planDeletes(const SyncTree &source, const SyncTree &dest);
    void hashLocally();
    void hashNextChunk();
    void pumpChecksums();
    void decideCandidates();

    FilesClient *m_client;
    SyncStateStore *m_store;
    SyncPlan m_plan;
    IgnoreRules m_rules;
    SyncTree m_local;
    SyncTree m_remote;
    QPointer<RemoteWalker> m_walker;
    QFutureWatcher<SyncTree> m_scan;
    QFutureWatcher<QList<QPair<int, QString>>> m_hashing;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_localDone = false;
    bool m_remoteDone = false;
    QList<Candidate> m_candidates;
    QList<int> m_needRemote; // indexes into m_candidates
    QList<int> m_toHash; // the same, to read here
    QList<QPointer<StatJob>> m_stats;
    int m_checksumsLeft = 0;
    bool m_localHashesDone = false;
};
