// ZipExtractor (with ZipNameScan): whatever the archive, nothing lands outside the destination,
// nothing extracted is a link, and a refusal says why. Limits are small so mutants that inflate
// stay cheap.

#include "emulator/store/ZipExtractor.h"
#include "emulator/store/ZipNameScan.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzQuietLogging();
    static QTemporaryDir sandbox;
    const QString zipPath = sandbox.path() + QStringLiteral("/in.zip");
    const QString root = sandbox.path() + QStringLiteral("/root");
    const QString dest = root + QStringLiteral("/dest");

    // The scan alone, in memory.
    const fal::emulator::ZipNameScan::Result scan
        = fal::emulator::ZipNameScan::scan(data, qint64(size));
    FUZZ_CHECK(scan.ok || !scan.error.isEmpty());

    QFile file(zipPath);
    FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    FUZZ_CHECK(file.write(reinterpret_cast<const char *>(data), qint64(size)) == qint64(size));
    file.close();
    FUZZ_CHECK(QDir().mkpath(dest));

    fal::emulator::ZipLimits limits;
    limits.maxTotalBytes = 4 * 1024 * 1024;
    limits.maxEntries = 500;
    limits.ratioGraceBytes = 1024 * 1024;
    const auto result = fal::emulator::ZipExtractor(limits).extract(zipPath, dest);
    FUZZ_CHECK(result.ok || !result.error.isEmpty());
    if (!scan.ok)
        FUZZ_CHECK(!result.ok);

    FUZZ_CHECK(
        QDir(root).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)
        == QStringList({QStringLiteral("dest")}));
    FUZZ_CHECK(QDir(sandbox.path())
                   .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot)
               == QStringList({QStringLiteral("in.zip"), QStringLiteral("root")}));
    QDirIterator it(dest, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QFileInfo info(it.next());
        FUZZ_CHECK(!info.isSymLink());
        FUZZ_CHECK(info.isFile() || info.isDir());
        FUZZ_CHECK(
            info.canonicalFilePath().startsWith(QDir(dest).canonicalPath() + QLatin1Char('/')));
    }
    FUZZ_CHECK(QDir(dest).removeRecursively());
    return 0;
}
