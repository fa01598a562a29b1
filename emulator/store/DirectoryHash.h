#pragma once

#include <QByteArray>
#include <QString>

namespace fal::emulator {

class SafePathResolver;

// Answers POST /files/dir/check_hash the way fal's sync_dir() needs.
//
// fal's SDK (fal/sync.py, sync_dir) hashes a local folder as SHA-256 over the raw bytes of every
// file in os.walk() order, skipping files named ".fal_hash"; no names, sizes or separators go in.
// It asks check_hash first; when that says false it writes the hash into <dir>/.fal_hash, zips
// the folder (so .fal_hash travels inside) and uploads it with unzip=true into the remote dir.
// os.walk order is the filesystem's, which the server cannot reproduce, so the stored
// .fal_hash is what the answer rests on. Without one, the hash is recomputed in sorted walk
// order (a directory's files, then its subdirectories), which matches clients that sort.
//
// The walk only reads what the API could serve: regular files, and symlinks to regular files
// that stay inside the root. Links leading out of the root (their bytes would leak through the
// hash), FIFOs and devices (opening one can block for good) are left out, symlinked directories
// are not entered (as os.walk does not), and the emulator's own state dir at the root is skipped.
// A .fal_hash is only believed when it is a regular file, not a link.
class DirectoryHash
{
public:
    // sha256 hex; empty if a file could not be read. `dir` is a resolved path inside `root`.
    static QByteArray compute(const QString &dir, const SafePathResolver &root);
    static bool matches(const QString &dir, const QByteArray &hash, const SafePathResolver &root);
};

} // namespace fal::emulator
