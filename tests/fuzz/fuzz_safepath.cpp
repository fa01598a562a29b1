// SafePathResolver: every route path it accepts maps inside the root, outside the emulator's
// state dir, with no link on the way leading out. The root holds the links of the unit test:
// out of the root, to a dir inside, to the state dir, dangling, and a chain out.

#include "emulator/store/SafePathResolver.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QDir>
#include <QFile>
#include <QStringList>
#include <QTemporaryDir>

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

struct Sandbox
{
    QTemporaryDir root;
    QTemporaryDir outside;
    QString canonical;

    Sandbox()
    {
        const QString r = root.path();
        QDir().mkpath(r + QStringLiteral("/models/sub"));
        QDir().mkpath(r + QStringLiteral("/.fal-emulator/tmp"));
        QDir().mkpath(outside.path() + QStringLiteral("/secret"));
        QFile::link(outside.path(), r + QStringLiteral("/out"));
        QFile::link(r + QStringLiteral("/models"), r + QStringLiteral("/alias"));
        QFile::link(r + QStringLiteral("/.fal-emulator"), r + QStringLiteral("/state"));
        QFile::link(r + QStringLiteral("/nowhere"), r + QStringLiteral("/dangling"));
        QFile::link(r + QStringLiteral("/out"), r + QStringLiteral("/models/chain"));
        canonical = QDir(r).canonicalPath();
    }
};

bool inside(const QString &path, const QString &dir)
{
    return path == dir || path.startsWith(dir + QLatin1Char('/'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Sandbox sandbox;
    static const fal::emulator::SafePathResolver resolver(sandbox.root.path());
    const std::string route(reinterpret_cast<const char *>(data), size);
    fal::emulator::ResolvedPath out;
    QString error;
    if (!resolver.resolve(route, &out, &error)) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    const QString root = resolver.rootDir();
    const QString reserved = resolver.reservedDir();
    FUZZ_CHECK(root == sandbox.canonical);
    FUZZ_CHECK(out.localPath
               == (out.relative.isEmpty() ? root : root + QLatin1Char('/') + out.relative));
    const QStringList segments = out.relative.split(QLatin1Char('/'));
    for (const QString &segment : segments) {
        FUZZ_CHECK(out.relative.isEmpty() || !segment.isEmpty());
        FUZZ_CHECK(segment != QLatin1String("..") && segment != QLatin1String("."));
        FUZZ_CHECK(!segment.contains(QChar(0)));
    }
    FUZZ_CHECK(segments.first() != QLatin1String(fal::emulator::SafePathResolver::kReservedName));
    // Every existing prefix resolves inside the root and outside the state dir.
    QString prefix = root;
    for (const QString &segment : segments) {
        if (segment.isEmpty())
            break;
        prefix += QLatin1Char('/') + segment;
        char real[PATH_MAX];
        if (!::realpath(QFile::encodeName(prefix).constData(), real))
            break;
        const QString target = QFile::decodeName(real);
        FUZZ_CHECK(inside(target, root));
        FUZZ_CHECK(!inside(target, reserved));
    }
    // Resolving the answer again is a no-op.
    fal::emulator::ResolvedPath again;
    FUZZ_CHECK(resolver.resolve(out.relative, &again, &error));
    FUZZ_CHECK(again.relative == out.relative);
    return 0;
}
