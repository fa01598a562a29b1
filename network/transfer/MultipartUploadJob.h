#pragma once

#include "network/api/ApiError.h"
#include "network/api/Job.h"
#include "network/api/RemotePath.h"
#include "network/io/FileHasher.h"
#include "network/transfer/MultipartState.h"
#include "network/transfer/PartBudget.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QMap>
#include <QPointer>
#include <atomic>
#include <memory>

class FilesClient;
class MultipartCompleteJob;
class MultipartInitiateJob;
class MultipartPartJob;
class PartBufferPool;

// A large file upload, in parts, that survives drops, crashes and restarts.
//
//            start ──► stat local file ──► MD5 pass over the whole file on a worker
//              │                                            │
//              ▼                                            │
//   no upload id? ──► initiate ──► upload_id (+ stored parts, resume extension)
//              │                                            │
//              ▼                                            ▼
//   send the parts not yet recorded, several in flight, each etag written to the journal
//              │   404 (upload id gone) ──► start over with a new upload id
//              ▼
//   all parts + hash pass done ──► local file unchanged? ──► complete ──► etag == local MD5?
//                                   (changed: start over, say why)           (no: fail loudly)
//
// Every step that the server acknowledges is announced (initiated, partDone) so the engine can
// write it to the journal; setResumeState() gives it back after a restart. A composite job: it
// owns its requests and cancelling it cancels them (the upload stays resumable).
class MultipartUploadJob : public Job
{
    Q_OBJECT
public:
    // Where a run is. The MD5 pass runs beside the parts and is not a phase of its own.
    enum class Phase {
        Stopped, // between runs (a restart) or after the end: nothing may be sent
        Initiating, // waiting for an upload id
        AskingStored, // resuming: asking the server which parts it already holds
        AwaitingHash, // resuming without a known MD5: nothing is sent until it is known
        SendingParts,
        Completing, // the complete request is in flight
        Verifying, // the server's MD5 differs: hashing the parts to name the ones that differ
    };

    MultipartUploadJob(FilesClient *client, const QString &localPath, const RemotePath &target,
                       QObject *parent = nullptr);
    ~MultipartUploadJob() override;

    void setResumeState(const MultipartState &state) { m_state = state; }
    // What the file looked like when it was queued; a difference restarts the upload.
    void setExpectedFile(qint64 size, const QDateTime &modified);
    void setPartBudget(PartBudget *budget) { m_budget = budget; }
    void setMaxPartsInFlight(int parts) { m_maxInFlight = qMax(1, parts); }

    Phase phase() const { return m_phase; }
    const MultipartState &state() const { return m_state; }
    QString localPath() const { return m_localPath; }
    RemotePath target() const { return m_target; }
    qint64 fileSize() const { return m_size; }
    qint64 partBytesSentThisRun() const { return m_bytesSentThisRun; } // accepted part bytes

Q_SIGNALS:
    void initiated(const QString &uploadId, qint64 partSize);
    void partDone(int partNumber, const QString &etag);
    void contentMd5Known(const QString &md5);
    void progress(qint64 bytesDone, qint64 bytesTotal);
    void restarted(const QString &reason);

protected:
    void doStart() override;
    // Stops every request; the state stays as it is (resumable).
    void doCancel() override;

private:
    void startRun();
    void startHashing();
    void initiate();
    void askForStoredParts();
    void adoptStoredParts(const QMap<int, QString> &stored); // part number -> etag, from the server
    void pumpParts();
    void onHashFinished();
    void onPartFinished(MultipartPartJob *job);
    void reportMismatch(const QString &serverEtag);
    bool localFileChanged() const;
    void maybeComplete();
    void complete();
    void restart(const QString &reason);
    void stopRequests();
    void emitProgress();
    void finish(const ApiError &error);
    int partCount() const;

    FilesClient *m_client;
    QString m_localPath;
    RemotePath m_target;
    MultipartState m_state;
    QPointer<PartBudget> m_budget;
    std::unique_ptr<PartBudget> m_ownBudget;
    std::shared_ptr<PartBufferPool> m_partBuffers; // freed when the last upload using it goes
    int m_maxInFlight = 4;
    qint64 m_size = -1;
    QDateTime m_modified;
    qint64 m_expectedSize = -1;
    QDateTime m_expectedModified;

    QString m_wholeMd5; // empty until the MD5 pass of this run is done
    std::shared_ptr<std::atomic_bool> m_hashCancel;
    QFutureWatcher<FileHasher::Result> *m_hashWatcher = nullptr;

    QMap<int, MultipartPartJob *> m_inFlight;
    QMap<int, qint64> m_inFlightBytes;
    QPointer<MultipartInitiateJob> m_initiateJob;
    QPointer<MultipartCompleteJob> m_completeJob;
    qint64 m_bytesSentThisRun = 0;
    int m_restarts = 0;
    Phase m_phase = Phase::Stopped;
};
