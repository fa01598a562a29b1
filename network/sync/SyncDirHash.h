#pragma once

#include <QString>
#include <atomic>

// fal's sync_dir() hash of a local folder, as fal's SDK computes it on this machine, so that a
// sync_dir() call on the same folder finds the .fal_hash a sync wrote and uploads nothing:
// SHA-256 over the bytes of every file, in os.walk() order (a folder's files in the order the
// file system lists them, then its subfolders in that order, links to folders not entered),
// skipping files named .fal_hash; no names or sizes go in. sync_dir hashes the whole folder,
// .gitignore'd files included (the rules only shape its ZIP), and so does this.
//
// FileHasher::hashFolder computes the same bytes in sorted order, the order the emulator
// recomputes in; fal walks in the file system's order, which is what must be matched here.
//
// Reading a 50 GB folder takes minutes, so a fingerprint (the same walk, reading only each
// file's path, size and mtime) says whether a hash computed before still holds.
class SyncDirHash
{
public:
    struct Result
    {
        QString sha256; // empty on error
        QString fingerprint;
        qint64 bytesRead = 0;
        QString error;
    };
    static Result fingerprint(const QString &dir);
    static Result compute(const QString &dir, const std::atomic_bool *cancel = nullptr);
};
