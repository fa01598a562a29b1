#pragma once

#include <QString>

namespace fal::emulator {

// Looks for NUL bytes in the raw entry names of a ZIP, which libarchive would cut short.
//
// libarchive hands names over as C strings, so "good.txt\0../evil" reaches ZipExtractor as
// "good.txt": the hostile part is never checked and a truncated name is written. This reads the
// names where libarchive's seekable reader takes them from: the central directory (found from
// the last end-of-central-directory record in the final 16 KiB, ZIP64 included, with the same
// correction for bytes prepended to the archive), each entry's local header (at the offset with
// and without that correction, and the ZIP64 one), and the Info-ZIP Unicode path fields (0x7075)
// of both. It judges names only; whatever it cannot follow, libarchive refuses as well.
class ZipNameScan
{
public:
    struct Result
    {
        bool ok = true;
        bool readable = true; // false: the file could not be read at all
        QString error; // names the entry when !ok
    };

    static Result scan(const uchar *data, qint64 size);
    static Result scanFile(const QString &zipPath);
};

} // namespace fal::emulator
