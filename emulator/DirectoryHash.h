#pragma once

#include <QByteArray>
#include <QString>

namespace fal::emulator {

// Answers POST /files/dir/check_hash the way fal's sync_dir() needs.
//
// fal's SDK (fal/sync.py, sync_dir) hashes a local folder as SHA-256 over the raw bytes of every
// file in os.walk() order, skipping files named ".fal_hash"; no names, sizes or separators go in.
// It asks check_hash first; when that says false it writes the hash into <dir>/.fal_hash, zips
// the folder (so .fal_hash travels inside) and uploads it with unzip=true into the remote dir.
// os.walk order is the filesystem's, which the server cannot reproduce, so the stored
// .fal_hash is what the answer rests on. Without one, the hash is recomputed in sorted walk
// order (a directory's files, then its subdirectories), which matches clients that sort.
class DirectoryHash
{
public:
    static QByteArray compute(const QString &dir); // sha256 hex; empty if unreadable
    static bool matches(const QString &dir, const QByteArray &hash);
};

} // namespace fal::emulator
