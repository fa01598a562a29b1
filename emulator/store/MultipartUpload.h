#pragma once

#include "network/io/Digest.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>

namespace fal::emulator {

// One unfinished multipart upload, kept on disk under uploads/<id>/:
//   meta.json  - fixed facts from initiate (path, chunk size, declared md5/size), replaced
//                whole by AtomicFile
//   parts.log  - one JSON line per stored (or invalidated) part, appended; replayed on load
//   data       - parts written in place at (n-1) * layoutChunk with pwrite
//   part-N     - a part that did not fit its in-place slot (bigger than layoutChunk)
//
// Writing in place means a complete() whose parts all have the layout size needs no copying:
// the data file is truncated and renamed onto the target. The layout size is the chunk_size
// the client declared at initiate, or else 10 MiB, the part size fal's own SDK uses. While parts
// arrive, the MD5 of the contiguous prefix of full-size parts is advanced (reading them back
// from the page cache), so complete() hashes only the tail instead of the whole file again.
struct StoredPart
{
    qint64 size = 0;
    QByteArray etag; // md5 hex
    bool inPlace = true;
};

class MultipartUpload
{
public:
    static constexpr qint64 kDefaultLayoutChunk = 10 * 1024 * 1024;

    MultipartUpload(QString id, QString dir, QString relativePath);
    ~MultipartUpload();

    // Fixed after creation/loading.
    QString id;
    QString dir;
    QString relativePath;
    qint64 chunkSize = 0; // declared by the client (resume extension), 0 if not
    QByteArray contentMd5; // declared, may be empty
    qint64 declaredSize = -1;
    qint64 layoutChunk = kDefaultLayoutChunk;
    qint64 createdMs = 0;

    QString dataPath() const { return dir + QStringLiteral("/data"); }
    QString partPath(int number) const
    {
        return dir + QStringLiteral("/part-") + QString::number(number);
    }

    bool create(QString *error); // writes meta.json; the dir must exist
    bool saveMeta(QString *error); // rewrites meta.json (an adopted content_md5)
    static std::shared_ptr<MultipartUpload> load(const QString &dir, QString *error);

    // Guarded by `mutex`.
    std::mutex mutex;
    std::condition_variable changed;
    std::map<int, StoredPart> parts;
    std::set<int> inFlight;
    qint64 lastActivityMs = 0;
    bool gone = false; // completed, cancelled or expired: every further call is a 404
    bool completing = false;

    int dataFd(QString *error); // opened on first use, O_RDWR|O_CREAT; call with `mutex` held
    std::mutex dataWriteMutex; // taken around each write into the data file (BufferedFileWriter)
    // Appends a journal line; call with `mutex` held.
    bool journalPart(int number, const StoredPart *part, QString *error);
    QList<QPair<int, QByteArray>> storedEtags(); // sorted; takes `mutex`

    // Prefix hashing. Lock order: hashMutex before mutex.
    std::mutex hashMutex;
    std::function<void()>
        partStored; // set by the store: schedules advanceHash() off the request path
    void advanceHash(); // takes both locks as needed
    void resetHashIfCovers(int number); // call with hashMutex held
    // Whole-file MD5 when parts 1..last are in place with the layout size (last may be
    // shorter); empty if the layout does not allow it. Finishes the running digest.
    QByteArray finishInPlaceMd5(int lastPart, qint64 lastSize, QString *error);

private:
    Digest m_prefix {Digest::Algorithm::Md5};
    int m_hashedThrough = 0; // parts 1..m_hashedThrough are in m_prefix
    int m_dataFd = -1;
};

} // namespace fal::emulator
