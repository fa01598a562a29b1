#pragma once

#include "network/api/ApiSurface.h"

#include "network/account/Credentials.h"
#include "network/api/FileSpec.h"
#include "network/api/RetryPolicy.h"
#include "network/transfer/TransferEngine.h"
#include "network/transfer/TransferItem.h"
#include "network/transfer/TransferQuestions.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThread>
#include <QUrl>
#include <optional>

class TransferEngineHost;

// The transfer engine for the GUI: the engine, its own FilesClient (and QNetworkAccessManager)
// and the journal live on a thread of their own, so the UI thread never copies a byte of a
// transfer, waits on the disk or on SQLite. This object lives on the UI thread and offers the
// engine's API there: commands are forwarded to the engine thread, and a mirror of the items,
// refreshed at most ten times a second, answers the questions views ask (item(), totals(), ...).
// The engine's questions (conflicts) are answered on the UI thread and the answers sent back.
class TransferService : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QUrl endpoint;
        std::optional<ApiSurface> surface; // unset: what the endpoint names
        Credentials credentials;
        RetryPolicy retryPolicy;
        int inactivityTimeoutMs = 60'000;
        QString journalPath; // empty: nothing survives a restart
        QString account; // see TransferEngine::setAccount(); empty: the endpoint and key id
    };

    explicit TransferService(const Settings &settings, QObject *parent = nullptr);
    ~TransferService() override; // stops the thread; unfinished items stay in the journal

    void setQuestions(TransferQuestions *questions) { m_questions = questions; }
    // Settings applied on the engine thread, in the order called (see TransferEngine's).
    void setMaxFilesInFlight(int files);
    void setPacking(bool packing);
    void setBandwidthLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);
    // What the engine runs with now, read on its thread while this one waits (tests, and
    // whoever must know a setting arrived rather than was sent).
    struct EngineSettings
    {
        int maxFilesInFlight = 0;
        bool packing = false;
        qint64 uploadBytesPerSecond = 0;
        qint64 downloadBytesPerSecond = 0;
    };
    EngineSettings engineSettings() const;

    // Same meaning as TransferEngine's. Batch ids are numbered here, so they come back at once.
    qint64 upload(const QStringList &localPaths, const RemotePath &folder,
                  ConflictPolicy policy = ConflictPolicy::Ask, const QString &renameTo = {});
    qint64 download(const QList<FileSpec> &sources, const QString &localFolder,
                    ConflictPolicy policy = ConflictPolicy::Ask, const QString &renameTo = {});
    qint64 importUrl(const QUrl &url, const RemotePath &target,
                     ConflictPolicy policy = ConflictPolicy::Ask);
    struct BatchRequest;
    // Items made elsewhere (a sync plan) as one batch: see TransferEngine::enqueue(). `request`
    // is what the dock names the job after.
    qint64 enqueue(const QList<TransferItem> &items, const BatchRequest &request);
    void pause(qint64 id);
    void resume(qint64 id);
    void cancel(qint64 id);
    void retry(qint64 id);
    void pauseAll();
    // See TransferEngine::adoptOrphans(); the dock asks whenever it is shown.
    void adoptOrphans();
    void resumeAll();
    void clearFinished(const QList<qint64> &only = {});
    void answerConflict(qint64 id, ConflictPolicy policy, bool applyToBatch);

    // The mirror (as of the last refresh from the engine thread).
    QList<qint64> ids() const { return m_order; }
    const TransferItem *item(qint64 id) const;
    QList<qint64> batchItems(qint64 batchId) const;
    bool isBatchFinished(qint64 batchId) const;
    double bytesPerSecond(qint64 id) const { return m_stats.value(id).speed; }
    qint64 secondsLeft(qint64 id) const { return m_stats.value(id).secondsLeft; }
    qint64 runningForMs(qint64 id) const;
    // What was asked for in one go, as it was asked (kept for this session): the dock names a
    // job after it ("up", not the one folder found inside it). Unknown for batches of earlier
    // sessions and of other processes.
    struct BatchRequest
    {
        QStringList sources; // local paths, or absolute /data paths of a download
        QString destination; // the /data folder, or the local folder of a download
        QString renameTo; // the one source's new name, if it was renamed (keep both)
    };
    std::optional<BatchRequest> batchRequest(qint64 batchId) const;
    TransferEngine::Totals totals() const { return m_totals; }
    // Where the engine's journal is (empty: none), and whose transfers these are, as the engine
    // marks them: what a sync keeps its own state beside and under.
    QString journalPath() const { return m_journalPath; }
    QString accountKey() const { return m_accountKey; }

    // Internal: what the engine thread sends over (public for TransferEngineHost).
    struct ItemStats
    {
        double speed = 0;
        qint64 secondsLeft = -1;
        qint64 startedAtMs = 0; // 0: not running
    };
    struct Update
    {
        QList<TransferItem> items; // new or changed
        QHash<qint64, ItemStats> stats;
        QList<qint64> removed;
        TransferEngine::Totals totals;
    };

Q_SIGNALS:
    void itemsAdded(const QList<qint64> &ids);
    void itemChanged(qint64 id);
    void itemsRemoved(const QList<qint64> &ids);
    void batchReady(qint64 batchId, const QList<qint64> &ids, const QStringList &notes);
    void batchFailed(qint64 batchId, const QString &error);
    void remoteChanged(const RemotePath &folder);
    void totalsChanged();
    void queueIdle(int succeeded, const QStringList &failed);

private:
    friend class TransferEngineHost;
    void apply(const Update &update);
    void onBatchReady(qint64 batchId, const QList<qint64> &ids, const QStringList &notes);
    template<typename Function> void onEngine(Function &&function);
    qint64 nextBatch();

    QThread m_thread;
    TransferEngineHost *m_host = nullptr; // lives on m_thread
    QPointer<QObject> m_questionsContext;
    TransferQuestions *m_questions = nullptr;
    QList<qint64> m_order;
    QHash<qint64, TransferItem> m_items;
    QHash<qint64, ItemStats> m_stats;
    TransferEngine::Totals m_totals;
    QSet<qint64> m_pendingBatches; // asked for, not yet scanned
    QHash<qint64, BatchRequest> m_requests;
    qint64 m_nextBatch;
    QString m_journalPath;
    QString m_accountKey;
};
