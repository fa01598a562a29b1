#pragma once

#include "emulator/store/PartNumber.h"
#include "emulator/store/UploadAssembler.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

namespace fal::emulator {

class MultipartUpload;
class StagingArea;
struct ResolvedPath;

// All unfinished multipart uploads of one root. They live on disk (uploads/<id>/) and survive a
// restart; they end with complete, cancel, or `expiryDays` after their last activity.
class MultipartStore
{
public:
    static constexpr int kMaxPartNumber = PartNumber::kMax;

    struct InitiateRequest
    {
        bool hasBody = false; // the resume extension was used (answer carries "parts")
        qint64 chunkSize = 0;
        QByteArray contentMd5;
        qint64 size = -1;
    };

    using CompleteResult = MultipartCompleteResult;

    MultipartStore(const StagingArea &staging, int expiryDays);
    ~MultipartStore();

    void load(); // picks up uploads left by an earlier run, drops expired and broken ones

    // Returns the upload to use: an unfinished one with the same path and the same declared
    // (chunk_size, content_md5, size) when the extension names all three, else a new one.
    std::shared_ptr<MultipartUpload> initiate(const QString &relativePath,
                                              const InitiateRequest &request, QString *error);
    // Null if unknown, expired, finished, or started for another path.
    std::shared_ptr<MultipartUpload> find(const QString &id, const QString &relativePath);
    CompleteResult complete(const QString &id, const ResolvedPath &target,
                            const QList<QPair<int, QByteArray>> &listed);
    bool cancel(const QString &id, const QString &relativePath);

    static bool isValidId(const QString &id);

private:
    void adopt(const std::shared_ptr<MultipartUpload> &upload); // call with m_mutex held
    void hashLoop();
    void sweepExpiredLocked();
    void forgetLocked(const std::shared_ptr<MultipartUpload> &upload);
    bool expired(const MultipartUpload &upload, qint64 nowMs) const;

    struct Finished
    {
        QString relativePath;
        QByteArray partsKey;
        QByteArray etag;
    };

    const StagingArea &m_staging;
    qint64 m_expiryMs;
    std::mutex m_mutex;
    std::map<QString, std::shared_ptr<MultipartUpload>> m_uploads;
    // A client whose complete answer was lost retries complete; the upload is gone by then, so
    // remember recent results and answer the same etag for the same parts list.
    std::map<QString, Finished> m_finished;

    // One background thread advances the running MD5 of uploads whose next part arrived, so a
    // part's answer never waits for hashing and complete() finds the work done.
    std::mutex m_hashQueueMutex;
    std::condition_variable m_hashWake;
    std::deque<std::weak_ptr<MultipartUpload>> m_hashQueue;
    bool m_hashStop = false;
    std::thread m_hasher;
};

} // namespace fal::emulator
