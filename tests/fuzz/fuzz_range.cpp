// The download Range parser (DownloadHandler::parseRange). Input: "<file size>\n<Range header>";
// without a size line the file is 1000 bytes. A range it accepts must lie inside the file.

#include "emulator/routes/DownloadHandler.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QByteArray>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    qint64 fileSize = 1000;
    QByteArray header = bytes;
    const qsizetype newline = bytes.indexOf('\n');
    if (newline >= 0) {
        bool ok = false;
        const qint64 given = bytes.left(newline).toLongLong(&ok);
        if (ok && given >= 0)
            fileSize = given;
        header = bytes.mid(newline + 1);
    }
    const auto range
        = fal::emulator::DownloadHandler::parseRange(QString::fromUtf8(header), fileSize);
    if (range && !(range->first == -1 && range->second == -1)) {
        FUZZ_CHECK(range->first >= 0);
        FUZZ_CHECK(range->first <= range->second);
        FUZZ_CHECK(range->second < fileSize);
    }
    return 0;
}
