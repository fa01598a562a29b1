#pragma once

#include <QCryptographicHash>
#include <QString>
#include <QStringList>
#include <atomic>
#include <functional>

// Checksums of local files, computed by reading them once, sequentially, in blocks. Meant to run on
// a QtConcurrent worker: nothing here touches the event loop. A set `cancel` flag stops early.
class FileHasher
{
public:
    struct Result
    {
        QString hex; // lower-case hex digest; empty on error
        QString error; // a sentence for people; empty on success
    };

    struct PartsResult
    {
        QString wholeMd5; // MD5 of the whole file
        QStringList partMd5s; // MD5 of each part, part 1 first
        QString error;
    };

    static Result hashFile(const QString &path, QCryptographicHash::Algorithm algorithm,
                           const std::atomic_bool *cancel = nullptr);

    // fal's sync_dir() hash of a folder: SHA-256 over the bytes of every file (".fal_hash"
    // excepted), a directory's files before its subdirectories, each list sorted by name (fal
    // walks in the file system's order, which no other machine can reproduce; sorted is the
    // order the emulator recomputes in).
    static Result hashFolder(const QString &dir, const std::atomic_bool *cancel = nullptr);

    // One pass giving the whole-file MD5 and the MD5 of every `partSize` slice (the etags a
    // multipart upload must get back). `onPart(n, md5)` is called from the worker as each part
    // is done, so uploads can check etags while the pass goes on.
    static PartsResult hashParts(const QString &path, qint64 partSize,
                                 const std::atomic_bool *cancel = nullptr,
                                 const std::function<void(int, const QString &)> &onPart = {});
};
