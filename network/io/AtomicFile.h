#pragma once

#include <QByteArray>
#include <QString>

// Replaces a small state file in one step (the emulator's multipart state, the client's key
// file): the bytes go to a temporary file beside it
// ("<name>.XXXXXX.tmp"), which is written whole, fsync()ed, closed and renamed over the old one;
// the directory is then synced so the rename lasts. Any failure removes the temporary file and
// leaves the old file as it was.
//
// Not QSaveFile: Qt 6.4's QSaveFile::commit() reports success and renames a truncated file into
// place when the write that fails is the buffered one at close (disk full): a multipart upload's
// meta.json was left at 0 bytes that way.
class AtomicFile
{
public:
    // `mode`: the new file's permissions (0600 for a secret).
    static bool write(const QString &path, const QByteArray &data, QString *error,
                      unsigned mode = 0644);
};
