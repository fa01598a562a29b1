#pragma once

#include "emulator/store/ZipLimits.h"

#include <QString>
#include <QStringList>

namespace fal::emulator {

// Extracts a ZIP into an empty staging directory, refusing anything that could write outside it.
//
// - Entry names are checked before anything is written: absolute names, drive letters, ".."
//   segments and NUL bytes reject the whole archive (zip-slip), so a hostile archive writes
//   nothing at all. Backslashes count as separators, as Windows tools mean them. NULs are looked
//   for in the raw headers (ZipNameScan): libarchive's names end at the first one.
// - Symbolic links, hard links and device entries are skipped and listed in `skipped`; files
//   are always created as plain 0644 files, directories 0755, so nothing can point elsewhere.
// - Zip-bomb limits (ZipLimits) are counted on bytes actually written, not on header claims.
// - The seekable reader is used: entries are those of the central directory.
class ZipExtractor
{
public:
    struct Result
    {
        bool ok = false;
        int httpStatus = 400; // on failure: 400 malformed/hostile, 413 over a limit
        QString error;
        QStringList skipped; // names of entries that were not extracted, and why
        qint64 files = 0;
        qint64 directories = 0;
        qint64 bytes = 0;
    };

    explicit ZipExtractor(const ZipLimits &limits = {});

    Result extract(const QString &zipPath, const QString &destinationDir) const;

    // Splits an entry name into safe relative segments; false (with a reason) if it is hostile.
    // An empty list means the entry names the destination itself ("./").
    static bool safeSegments(const QByteArray &rawName, QStringList *segments, QString *why);

private:
    ZipLimits m_limits;
};

} // namespace fal::emulator
