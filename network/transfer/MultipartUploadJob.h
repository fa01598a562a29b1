#pragma once

#include "network/api/ApiError.h"
#include "network/api/RemotePath.h"
#include "network/io/FileHasher.h"
#include "network/transfer/MultipartState.h"
#include "network/transfer/PartBudget.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <atomic>
#include <memory>

class FilesClient;
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
// write it to the journal; setResumeState() gives it back after a restart.
class MultipartUploadJob : public QObject
{
    Q_OBJECT
public:
    MultipartUploadJob(FilesClient *client, const QString &localPath, const RemotePath &target,
                       QObject *parent = nullptr);
    ~MultipartUploadJob() override;

    void setResumeState(const MultipartState &state) { m_state = state; }
    // What the file looked like when it was queued; a difference restarts the upload.
    void setExpectedFile(qint64 size, const QDateTime &modified);
    void setPartBudget(PartBudget *budget) { m_budget = budget; }
    void setMaxPartsInFlight(int parts) { m_maxInFlight = qMax(1, parts); }

    void start();
    // Stops every request; the state stays as it is (resumable). Finishes with Kind::Cancelled.
    void cancel();

    bool succeeded() const { return m_finished && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
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
    void finished(MultipartUploadJob *job);

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

    QString m_wholeMd5;
    bool m_hashDone = false;
    std::shared_ptr<std::atomic_bool> m_hashCancel;
    QFutureWatcher<FileHasher::Result> *m_hashWatcher = nullptr;

    QMap<int, MultipartPartJob *> m_inFlight;
    QMap<int, qint64> m_inFlightBytes;
    QPointer<QObject> m_initiateJob;
    QPointer<QObject> m_completeJob;
    qint64 m_bytesSentThisRun = 0;
    int m_restarts = 0;
    bool m_running = false;
    bool m_finished = false;
    bool m_pumpBlocked = false; // while requests are being torn down
    bool m_askWhenHashed = false; // resuming without a known MD5: ask for stored parts once hashed
    ApiError m_error;
};
