#pragma once

#include "network/api/FileSpec.h"
#include "network/transfer/BatchSink.h"
#include "network/transfer/SpeedMeter.h"
#include "network/transfer/TransferItem.h"
#include "network/transfer/TransferQuestions.h"
#include "network/transfer/TransferRuntime.h"
#include "network/transfer/TransferTask.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <QUrl>
#include <map>
#include <memory>

class FilesClient;
class PartBudget;
class TransferJournal;

// The transfer queue: uploads, downloads and URL imports, run by a scheduler within limits on
// files and parts in flight, journalled so that everything survives a crash or a restart. Owns
// no widget; the GUI, the CLI and the tests drive the same engine.
// A BatchSink privately: TransferBatchBuilder hands it the items of a drop or a command.
class TransferEngine : public QObject, private BatchSink
{
    Q_OBJECT
public:
    struct Totals
    {
        int queued = 0, running = 0, paused = 0, attention = 0, failed = 0, done = 0;
        qint64 bytesDone = 0;
        qint64 bytesTotal = 0; // of the current session: grows with new items, never with retries
        double bytesPerSecond = 0;
        qint64 secondsLeft = -1;
        bool isIdle() const { return queued == 0 && running == 0; }
    };

    // `journal` may be null (nothing survives a restart then).
    TransferEngine(FilesClient *client, TransferJournal *journal, QObject *parent = nullptr);
    ~TransferEngine() override;

    void setQuestions(TransferQuestions *questions) { m_questions = questions; }
    void setMaxFilesInFlight(int files);
    int maxFilesInFlight() const { return m_maxFiles; }
    void setMaxPartsInFlight(int parts);
    void setPartsPerFile(int parts) { m_context.partsPerFile = qMax(1, parts); }
    // Many small files of one drop in one ZIP request (on by default; see PackTask).
    void setPacking(bool packing) { m_packing = packing; }
    bool packing() const { return m_packing; }
    FilesClient *client() const { return m_client; }
    // Whose transfers these are, as the journal marks them; empty: the endpoint and key id. A
    // server whose address and key change at each start (the app's built-in emulator) names
    // itself here, or a restart would not find its own unfinished transfers.
    void setAccount(const QString &account) { m_account = account; }
    // Bytes per second over all transfers of this engine, 0 = unlimited; running transfers follow
    // within a fraction of a second (the client's BandwidthLimiter).
    void setBandwidthLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);
    // Uploads of folders also send what links inside point to outside them (off by default; see
    // LocalScanner). The CLI's --follow-symlinks.
    void setFollowLinksOut(bool follow) { m_followLinksOut = follow; }
    int partsInFlight() const;

    // Loads the journal. With `resumeUnfinished`, unfinished items nobody else works on are
    // claimed and queued again (paused ones stay paused); otherwise they are only shown.
    void load(bool resumeUnfinished);
    // Takes over unfinished items whose owning process has ended since load() (they go on as
    // after a restart). Called when the queue is opened, and by retry() and resume(). Returns
    // how many were taken.
    int adoptOrphans();
    // adoptOrphans() also runs by itself this often while another process's unfinished items are
    // shown (30 s unless set).
    void setOrphanCheckIntervalMs(int ms) { m_orphanTimer.setInterval(ms); }

    // Each returns a batch id at once; items appear when the folder scan or remote walk is done
    // (batchReady). An unfinished item for the same file and target is taken over and resumed.
    // `renameTo` (one source only) gives the copy another name than the source's.
    // `batchId` 0: the engine numbers the batch; TransferService numbers them itself.
    qint64 upload(const QStringList &localPaths, const RemotePath &folder,
                  ConflictPolicy policy = ConflictPolicy::Ask, const QString &renameTo = {},
                  qint64 batchId = 0);
    qint64 download(const QList<FileSpec> &sources, const QString &localFolder,
                    ConflictPolicy policy = ConflictPolicy::Ask, const QString &renameTo = {},
                    qint64 batchId = 0);
    qint64 importUrl(const QUrl &url, const RemotePath &target,
                     ConflictPolicy policy = ConflictPolicy::Ask, qint64 batchId = 0);
    // Items made elsewhere, each with its own source and target (a sync plan, network/sync),
    // join the queue as one batch, exactly as a scan's items would (packing, multipart, resume
    // of an unfinished twin). Returns the batch id at once; the items follow (batchReady).
    qint64 enqueue(QList<TransferItem> items, const QStringList &notes = {}, qint64 batchId = 0);

    void pause(qint64 id);
    void resume(qint64 id);
    void cancel(qint64 id);
    void retry(qint64 id);
    void pauseAll();
    void resumeAll();
    // Forgets finished items (all of them, or those of `only`); unfinished ones stay.
    void clearFinished(const QList<qint64> &only = {});
    void answerConflict(qint64 id, ConflictPolicy policy, bool applyToBatch);

    QList<qint64> ids() const { return m_order; }
    const TransferItem *item(qint64 id) const;
    QList<qint64> batchItems(qint64 batchId) const;
    bool isBatchFinished(qint64 batchId) const;
    double bytesPerSecond(qint64 id) const;
    qint64 runningForMs(qint64 id) const; // since its task started; 0 when not running
    qint64 secondsLeft(qint64 id) const;
    Totals totals() const;
    // When the engine next tries a transfer that waits for the service (ms since the epoch),
    // 0 when none waits.
    qint64 nextRetryAtMs() const;
    // How many items the engine keeps runtime state for: one per item of ids(), never more (the
    // tests check that nothing outlives its item).
    int runtimeCount() const { return int(m_runtime.size()); }

Q_SIGNALS:
    void itemsAdded(const QList<qint64> &ids);
    void itemChanged(qint64 id); // state changes at once; progress at most ~5 times a second
    void itemsRemoved(const QList<qint64> &ids);
    void batchReady(qint64 batchId, const QList<qint64> &ids, const QStringList &notes);
    void batchFailed(qint64 batchId, const QString &error);
    void remoteChanged(const RemotePath &folder);
    void totalsChanged();
    // Nothing is queued or running any more. `failed` names the items that did not make it.
    void queueIdle(int succeeded, const QStringList &failed);

private:
    TransferItem *find(qint64 id) const;
    // Every item's runtime entry is made here, as the item enters the queue...
    TransferRuntime &admit(std::unique_ptr<TransferItem> item);
    // ...and dropped here, as it leaves: nothing else adds or erases one.
    void forget(const QList<qint64> &ids);
    TransferRuntime &runtimeOf(const TransferItem *item) { return m_runtime[item->id]; }
    const TransferRuntime *findRuntime(qint64 id) const;
    bool isForeign(qint64 id) const;
    bool hasForeign() const;
    TransferTask *taskOf(qint64 id) const;
    TransferTask *takeTask(qint64 id); // the item's task, no longer the item's
    void detachTask(const TransferItem *item) { runtimeOf(item).task = nullptr; }
    int runningTaskCount() const;
    qint64 newBatchId();
    QString accountKey() const;
    QList<qint64> addItems(QList<TransferItem> items);
    TransferItem *takeOver(const TransferItem &candidate); // an unfinished twin from an earlier run
    void setState(TransferItem *item, TransferItem::State state, const ApiError &error = {});
    void requeue(TransferItem *item); // a running item goes back to the queue, to start anew
    void scheduleSoon();
    void schedule();
    TransferTask *makeTask(TransferItem *item);
    void startTask(TransferItem *item);
    void stopTask(qint64 id);
    void watch(TransferTask *task);
    void finishItem(TransferItem *item, const ApiError &error);
    bool isPackable(const TransferItem *item) const;
    bool startPackFrom(TransferItem *first);
    void onConflict(TransferItem *item, qint64 existingSize);
    void askNextQuestion();
    void flushProgress();
    void save(const TransferItem *item);
    void checkIdle();
    void armRetryTimer();

    // BatchSink
    QObject *batchOwner() override { return this; }
    FilesClient *batchClient() const override { return m_client; }
    bool followsLinksOut() const override { return m_followLinksOut; }
    void batchStarted(qint64 batch) override { m_pendingBatches.insert(batch); }
    void batchSourceFailed(qint64 batch, const QString &error) override;
    void batchBuilt(qint64 batch, const QList<TransferItem> &items,
                    const QStringList &notes) override;

    FilesClient *m_client;
    QString m_account;
    TransferJournal *m_journal;
    TransferContext m_context;
    PartBudget *m_parts;
    TransferQuestions *m_questions = nullptr;
    int m_maxFiles = 3;
    qint64 m_nextLocalId = -1; // ids when there is no journal
    qint64 m_nextLocalBatch = -1;

    std::map<qint64, std::unique_ptr<TransferItem>> m_items;
    QList<qint64> m_order;
    QHash<qint64, TransferRuntime> m_runtime; // one per item of m_items: see admit() and forget()
    QHash<qint64, ConflictPolicy> m_batchPolicy;
    QSet<qint64> m_pendingBatches; // scanning / walking
    QList<qint64> m_questionQueue; // items waiting for a conflict answer
    qint64 m_askingAbout = 0;
    bool m_packing = true;
    bool m_followLinksOut = false;
    SpeedMeter m_totalSpeed;
    QTimer m_progressTimer;
    QTimer m_retryTimer; // fires at the earliest retry hold (a queued item's retryAtMs)
    QTimer m_orphanTimer; // asks about foreign items again
    bool m_scheduleQueued = false;
    bool m_wasBusy = false;
    int m_sessionSucceeded = 0;
    QStringList m_sessionFailures;
};
