#pragma once

#include "network/api/Job.h"
#include "network/sync/SyncPlan.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <atomic>
#include <memory>

class FilesClient;
class SyncQueue;
class SyncStateStore;

// Carries out a SyncPlan:
// 1. its uploads, downloads and replacements go to the transfer queue as one batch, so packing of
//    small files, multipart, resume and verification are the engine's (with "overwrite": the plan
//    already decided). Each file verified by the engine is recorded for the pair, so the next
//    sync of an unchanged file compares nothing, and a sync stopped half way (Ctrl-C, kill,
//    outage) sends again only what was not verified. A downloaded file takes the server's
//    updated_time as its mtime, as rclone does.
// 2. then, only when every transfer succeeded (rclone does the same after errors), the deletes:
//    DELETE on /data, or removal of local files and folders.
// 3. then, for an upload, the folder's .fal_hash on /data: fal's sync_dir hash of the local
//    folder (SyncDirHash), so that sync_dir on the same folder finds it in sync. The hash is kept
//    with the folder's fingerprint (SyncStateStore) and only recomputed when a file changed; the
//    server is asked first (check_hash) and the file is written only when it says false.
class SyncRunner : public Job
{
    Q_OBJECT
public:
    struct Result
    {
        int transferred = 0;
        qint64 bytesTransferred = 0;
        int failed = 0;
        int deleted = 0;
        int deleteFailed = 0;
        QString falHash; // the hash the remote folder now answers to (uploads)
        bool falHashWritten = false;
        int hashedLocally = 0; // files read for the folder hash (0 when the cache held it)
        QStringList transferErrors; // "path: why" per file that did not arrive
        QStringList errors; // the rest: deletes, .fal_hash (one line each, for people)
        ApiError::Kind firstErrorKind = ApiError::Kind::None; // for an exit code
    };

    SyncRunner(FilesClient *client, SyncQueue *queue, SyncStateStore *store, const SyncPlan &plan,
               QObject *parent = nullptr);
    ~SyncRunner() override;

    const SyncPlan &plan() const { return m_plan; }
    const Result &result() const { return m_result; }
    qint64 batchId() const { return m_batch; } // 0 until started, and when nothing travels

Q_SIGNALS:
    void stageChanged(const QString &what); // "deleting 3 files", "writing .fal_hash"

protected:
    void doStart() override;
    void doCancel() override;

private:
    RemotePath remoteFor(const QString &path) const;
    QString localFor(const QString &path) const;
    void onItemChanged(qint64 id);
    void transfersDone();
    void readUploadedTimes(); // SyncRunnerUploadTimes.cpp
    void afterTransfers();
    void deleteNext();
    void writeFalHash();
    void onFolderHash(const QString &hash, const QString &fingerprint, int filesRead);
    void flushRecords();
    void finishRun();

    FilesClient *m_client;
    SyncQueue *m_queue;
    SyncStateStore *m_store;
    SyncPlan m_plan;
    QString m_pair;
    Result m_result;
    qint64 m_batch = 0;
    QHash<QString, qint64> m_remoteMtimes; // downloads: the server's time, by path
    struct Uploaded
    {
        qint64 size = 0;
        qint64 localMtimeMs = 0;
    };
    QHash<QString, Uploaded> m_uploaded; // uploads verified in this run, by path
    int m_listingsLeft = 0;
    QSet<qint64> m_ids;
    QSet<qint64> m_handled;
    bool m_idsKnown = false;
    QHash<QString, SyncStateStore::Record> m_records; // verified, not yet stored
    QElapsedTimer m_sinceFlush;
    QStringList m_deletedPaths;
    QList<SyncPlanEntry> m_deletes;
    QPointer<Job> m_current;
    QFutureWatcher<void> m_hashing;
    std::shared_ptr<std::atomic_bool> m_cancel;
};
