// The listing's one-pass scan and writer (DirectoryScan, FileSpecJson::listing) give the same
// bytes as the listing they replaced: QDir::entryList sorted by name, a path check and one
// FileSpecJson::build per entry. That old path is kept here as the reference, over a folder of
// 10,000 entries with hostile names (quotes, control characters, a leading BOM, invalid UTF-8,
// characters on both sides of the UTF-16 surrogate range) and links in and out of the root.

#include "emulator/routes/FileSpecJson.h"
#include "emulator/server/ApiSurface.h"
#include "emulator/store/DirectoryScan.h"
#include "emulator/store/SafePathResolver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace fal::emulator;

namespace {

// What ListingHandler did before the scan: kept verbatim as the reference.
QByteArray oldListing(const SafePathResolver &resolver, const ApiSurface &surface,
                      const ResolvedPath &dir)
{
    QList<QByteArray> specs;
    const QStringList names
        = QDir(dir.localPath)
              .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                         QDir::Name);
    for (const QString &name : names) {
        if (dir.isRoot() && name == QLatin1String(SafePathResolver::kReservedName))
            continue;
        const QString localPath = dir.localPath + QLatin1Char('/') + name;
        if (!resolver.staysInside(localPath, nullptr))
            continue;
        QByteArray spec;
        if (FileSpecJson::build(surface, dir.apiPath() + QLatin1Char('/') + name, localPath, &spec))
            specs.append(spec);
    }
    return FileSpecJson::array(specs);
}

QByteArray newListing(const SafePathResolver &resolver, const ApiSurface &surface,
                      const ResolvedPath &dir)
{
    DirectoryScan scan;
    scan.scan(resolver, dir);
    return FileSpecJson::listing(surface, dir.apiPath(), scan);
}

bool touch(const QByteArray &path)
{
    const int fd = ::open(path.constData(), O_CREAT | O_WRONLY | O_CLOEXEC, 0644);
    return fd >= 0 && ::close(fd) == 0;
}

} // namespace

class TestEmulatorListing : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_root;
    QTemporaryDir m_outside;
    std::unique_ptr<SafePathResolver> m_resolver;

    QByteArray path(const QByteArray &relative) const
    {
        return QFile::encodeName(m_root.path()) + '/' + relative;
    }

    ResolvedPath resolve(const QString &route) const
    {
        ResolvedPath dir;
        QString error;
        if (!m_resolver->resolve(route, &dir, &error))
            qWarning() << error;
        return dir;
    }

    void compare(const QString &route, int expectedEntries)
    {
        const ResolvedPath dir = resolve(route);
        for (const ApiSurface surface :
             {ApiSurface(ApiSurface::Kind::Rest), ApiSurface(ApiSurface::Kind::PlatformV1)}) {
            const QByteArray before = oldListing(*m_resolver, surface, dir);
            const QByteArray after = newListing(*m_resolver, surface, dir);
            QCOMPARE(after, before);
            QJsonParseError error;
            const QJsonDocument parsed = QJsonDocument::fromJson(after, &error);
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(parsed.array().size(), expectedEntries);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_root.isValid());
        QVERIFY(m_outside.isValid());
        QVERIFY(QDir().mkpath(m_root.path() + QStringLiteral("/.fal-emulator/tmp")));
        QVERIFY(QDir().mkpath(m_root.path() + QStringLiteral("/many/sub")));
        QVERIFY(QDir().mkpath(m_root.path() + QStringLiteral("/hostile/folder")));
        QVERIFY(touch(path("top.txt")));
        for (int i = 0; i < 9999; ++i)
            QVERIFY(touch(path("many/f" + QByteArray::number(i * 7919 % 10007))));
        const QList<QByteArray> hostile {
            "a\"b",
            "back\\slash",
            "nl\nx",
            "tab\tx",
            "\x01"
            "ctl",
            "\x7f"
            "del",
            "\xc3\xa9",
            "\xee\x80\x80",
            "\xef\xbf\xbd",
            "\xf0\x9f\x98\x80"
            "emoji",
            "\xef\xbc\x9a",
            "\xef\xbb\xbf"
            "bom",
            "%41",
            "sp ace",
            ".hidden",
            "-dash",
            "\xe2\x80\xa8"
            "ls",
            "Zed",
            "zed",
            "\xff\xfe"
            "invalid",
            "\xed\xa0\x80"
            "surrogate",
        };
        for (const QByteArray &name : hostile)
            QVERIFY(touch(path("hostile/" + name)));
        QFile file(QFile::decodeName(path("hostile/sized")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write("twelve bytes"), 12);
        file.close();
        QVERIFY(::symlink(QFile::encodeName(m_outside.path()).constData(),
                          path("hostile/escape").constData())
                == 0);
        QVERIFY(::symlink(QFile::encodeName(m_outside.path()).constData(),
                          path("hostile/\xef\xbb\xbf"
                               "escape")
                              .constData())
                == 0);
        QVERIFY(::symlink("folder", path("hostile/inside").constData()) == 0);
        QVERIFY(::symlink("nowhere", path("hostile/dangling").constData()) == 0);
        QVERIFY(::symlink("../.fal-emulator", path("hostile/state").constData()) == 0);
        QVERIFY(::mkfifo(path("hostile/fifo").constData(), 0644) == 0);
        m_resolver = std::make_unique<SafePathResolver>(m_root.path());
        QVERIFY(m_resolver->isValid());
    }

    // QTemporaryDir cannot remove names that are not valid UTF-8.
    void cleanupTestCase()
    {
        ::unlink(path("hostile/\xff\xfe"
                      "invalid")
                     .constData());
        ::unlink(path("hostile/\xed\xa0\x80"
                      "surrogate")
                     .constData());
    }

    // 10,000 entries (one a folder): the same bytes on both surfaces.
    void manyEntries() { compare(QStringLiteral("many"), 10000); }

    // The root leaves out the emulator's state dir.
    void root() { compare(QString(), 3); }

    // Invalid UTF-8, links out of the root, into the state dir or nowhere are left out; a BOM
    // in front of a name does not hide a link that leads out. A FIFO is listed (stat()ed, never
    // opened).
    void hostileNames() { compare(QStringLiteral("hostile"), 23); }

    void missingOrFileIsEmpty()
    {
        QCOMPARE(newListing(*m_resolver, ApiSurface(), resolve(QStringLiteral("nothing"))),
                 QByteArray("[]"));
        QCOMPARE(newListing(*m_resolver, ApiSurface(), resolve(QStringLiteral("top.txt"))),
                 QByteArray("[]"));
    }

    void utf16Order()
    {
        // U+E000 (EE 80 80) sorts after U+1F600 (F0 9F 98 80) in UTF-16, before it in UTF-8.
        QVERIFY(DirectoryScan::lessInUtf16Order("\xf0\x9f\x98\x80", "\xee\x80\x80"));
        QVERIFY(!DirectoryScan::lessInUtf16Order("\xee\x80\x80", "\xf0\x9f\x98\x80"));
        QVERIFY(DirectoryScan::lessInUtf16Order("a", "ab"));
        QVERIFY(DirectoryScan::lessInUtf16Order("Z", "a"));
        QVERIFY(!DirectoryScan::lessInUtf16Order("a", "a"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorListing)
#include "tst_emulator_listing.moc"
