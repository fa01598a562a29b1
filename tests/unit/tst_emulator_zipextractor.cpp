// ZipExtractor: archives built here with libarchive's writer, hostile ones included.

#include "emulator/store/ZipExtractor.h"
#include "tests/support/EmulatorTestSupport.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace emutest;

namespace {

quint32 crc32(const QByteArray &data)
{
    quint32 c = 0xffffffffu;
    for (const char byte : data) {
        c ^= uchar(byte);
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
    }
    return ~c;
}

void put(QByteArray &out, quint64 value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.append(char((value >> (8 * i)) & 0xff));
}

// One stored entry written by hand, for what libarchive's writer cannot make: NULs in names,
// a Unicode path field, ZIP64 end records, bytes before the archive.
QByteArray handMadeZip(const QByteArray &name, const QByteArray &extra, bool zip64End,
                       const QByteArray &prefix = {})
{
    const QByteArray content = "pwned";
    QByteArray zip = prefix;
    QByteArray fixed; // version 20, no flags, stored, 1980-01-01, crc, sizes, name/extra lengths
    put(fixed, 20, 2), put(fixed, 0, 2), put(fixed, 0, 2), put(fixed, 0, 2), put(fixed, 0x21, 2);
    put(fixed, crc32(content), 4), put(fixed, quint64(content.size()), 4);
    put(fixed, quint64(content.size()), 4), put(fixed, quint64(name.size()), 2);
    put(fixed, quint64(extra.size()), 2);
    zip += "PK\3\4" + fixed + name + extra + content;
    const qint64 cdOffset = zip.size() - prefix.size(); // as a writer unaware of the prefix
    zip += "PK\1\2";
    put(zip, 0x031e, 2);
    zip += fixed;
    put(zip, 0, 2), put(zip, 0, 2), put(zip, 0, 2), put(zip, 0100644u << 16, 4), put(zip, 0, 4);
    zip += name + extra;
    const qint64 cdSize = zip.size() - prefix.size() - cdOffset;
    if (zip64End) {
        const qint64 record = zip.size() - prefix.size();
        zip += "PK\6\6";
        put(zip, 44, 8), put(zip, 45, 2), put(zip, 45, 2), put(zip, 0, 4), put(zip, 0, 4);
        put(zip, 1, 8), put(zip, 1, 8), put(zip, quint64(cdSize), 8),
            put(zip, quint64(cdOffset), 8);
        zip += "PK\6\7";
        put(zip, 0, 4), put(zip, quint64(record), 8), put(zip, 1, 4);
    }
    zip += "PK\5\6";
    put(zip, 0, 4), put(zip, 1, 2), put(zip, 1, 2);
    put(zip, quint64(cdSize), 4), put(zip, quint64(cdOffset), 4), put(zip, 0, 2);
    return zip;
}

QByteArray unicodePathField(const QByteArray &headerName, const QByteArray &unicodeName)
{
    QByteArray field;
    put(field, 0x7075, 2), put(field, quint64(5 + unicodeName.size()), 2), put(field, 1, 1);
    put(field, crc32(headerName), 4);
    return field + unicodeName;
}

} // namespace

class TestEmulatorZipExtractor : public QObject
{
    Q_OBJECT

private:
    struct Run
    {
        QTemporaryDir work;
        QString dest;
        ZipExtractor::Result result;
    };

    // Extracts into <work>/root/dest; <work>/root is where an escaping entry would land.
    static std::unique_ptr<Run> extract(const QByteArray &zip, const ZipLimits &limits = {})
    {
        auto run = std::make_unique<Run>();
        run->dest = run->work.path() + QStringLiteral("/root/dest");
        QDir().mkpath(run->dest);
        const QString zipPath = run->work.path() + QStringLiteral("/in.zip");
        writeFile(zipPath, zip);
        run->result = ZipExtractor(limits).extract(zipPath, run->dest);
        return run;
    }

private Q_SLOTS:
    void extractsFilesAndDirectories()
    {
        const auto run = extract(makeZip({{ZipEntry::Directory, "models/", {}},
                                          {ZipEntry::File, "models/a.bin", "alpha"},
                                          {ZipEntry::File, "deep/er/b.txt", "bravo"},
                                          {ZipEntry::File, "./dot/c.txt", "charlie"},
                                          {ZipEntry::File, "empty.txt", ""}}));
        QVERIFY2(run->result.ok, qPrintable(run->result.error));
        QCOMPARE(tree(run->dest),
                 QStringList({"deep", "deep/er", "deep/er/b.txt", "dot", "dot/c.txt", "empty.txt",
                              "models", "models/a.bin"}));
        QCOMPARE(readFile(run->dest + "/models/a.bin"), QByteArray("alpha"));
        QCOMPARE(readFile(run->dest + "/deep/er/b.txt"), QByteArray("bravo"));
        QCOMPARE(QFileInfo(run->dest + "/empty.txt").size(), 0);
        QCOMPARE(run->result.files, 4);
        QCOMPARE(run->result.bytes, 17);
        QCOMPARE(QFileInfo(run->dest + "/models/a.bin").lastModified().toSecsSinceEpoch(),
                 1700000000);
    }

    void directoryOnlyZipCreatesEmptyDirectory()
    {
        const auto run = extract(makeZip({{ZipEntry::Directory, "New Folder/", {}}}));
        QVERIFY2(run->result.ok, qPrintable(run->result.error));
        QCOMPARE(tree(run->dest), QStringList({"New Folder"}));
        QVERIFY(QFileInfo(run->dest + "/New Folder").isDir());
        QCOMPARE(run->result.directories, 1);
    }

    void hostileNamesRejectWholeArchive_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("zip-slip ../") << QByteArray("../evil.txt");
        QTest::newRow("zip-slip deep") << QByteArray("a/../../evil.txt");
        QTest::newRow("absolute") << QByteArray("/tmp/evil.txt");
        QTest::newRow("backslash slip") << QByteArray("..\\evil.txt");
        QTest::newRow("drive letter") << QByteArray("C:/evil.txt");
        QTest::newRow("trailing ..") << QByteArray("a/..");
    }

    void hostileNamesRejectWholeArchive()
    {
        QFETCH(QByteArray, name);
        // A harmless entry first: it must not be written either.
        const auto run = extract(makeZip(
            {{ZipEntry::File, "good.txt", "fine"}, {ZipEntry::File, name.toStdString(), "pwned"}}));
        QVERIFY(!run->result.ok);
        QCOMPARE(run->result.httpStatus, 400);
        QVERIFY2(run->result.error.contains(QStringLiteral("Unsafe ZIP entry")),
                 qPrintable(run->result.error));
        QCOMPARE(tree(run->work.path() + "/root"), QStringList({"dest"}));
    }

    void nulInANameRejectsWholeArchive_data()
    {
        // libarchive hands names over as C strings, cut at the NUL: "good.txt\0../evil" would
        // arrive as "good.txt". The raw headers are read to see the whole name.
        QTest::addColumn<int>("which"); // occurrence of the name to patch; -1: all of them
        QTest::newRow("local header and central directory") << -1;
        QTest::newRow("local header only") << 0;
        QTest::newRow("central directory only") << 1;
    }

    void nulInANameRejectsWholeArchive()
    {
        QFETCH(int, which);
        const QByteArray marker = "good.txt#../../evil.txt";
        QByteArray zip = makeZip({{ZipEntry::File, "first.txt", "fine"},
                                  {ZipEntry::File, marker.toStdString(), "pwned"}});
        QByteArray patched = marker;
        patched[8] = '\0';
        qsizetype at = -1;
        for (int i = 0; (at = zip.indexOf(marker, at + 1)) >= 0; ++i) {
            if (which < 0 || which == i)
                zip.replace(at, marker.size(), patched);
        }
        QVERIFY(!zip.contains(marker) || which >= 0);
        const auto run = extract(zip);
        QVERIFY2(!run->result.ok, "an archive with a NUL in a name was extracted");
        QCOMPARE(run->result.httpStatus, 400);
        QVERIFY2(run->result.error.contains(QStringLiteral("NUL")), qPrintable(run->result.error));
        QCOMPARE(tree(run->work.path() + "/root"), QStringList({"dest"}));
    }

    void nulFoundWhereverLibarchiveLooks_data()
    {
        const QByteArray hostile("a.txt\0../../evil.txt", 20);
        QTest::addColumn<QByteArray>("zip");
        QTest::newRow("hand-made, plain") << handMadeZip(hostile, {}, false);
        QTest::newRow("ZIP64 end records") << handMadeZip(hostile, {}, true);
        QTest::newRow("bytes before the archive")
            << handMadeZip(hostile, {}, false, QByteArray(300, 'M'));
        QTest::newRow("Unicode path field")
            << handMadeZip("a.txt", unicodePathField("a.txt", hostile), false);
    }

    void nulFoundWhereverLibarchiveLooks()
    {
        QFETCH(QByteArray, zip);
        const auto run = extract(zip);
        QVERIFY(!run->result.ok);
        QVERIFY2(run->result.error.contains(QStringLiteral("NUL")), qPrintable(run->result.error));
        QCOMPARE(tree(run->work.path() + "/root"), QStringList({"dest"}));
        // The same archives with a clean name are extracted: the hand-made shapes are sound.
        zip.replace(QByteArray("\0../../", 7), QByteArray("______/", 7));
        const auto clean = extract(zip);
        QVERIFY2(clean->result.ok, qPrintable(clean->result.error));
        QCOMPARE(clean->result.files, 1);
    }

    void symlinksAreSkipped()
    {
        const auto run = extract(makeZip({{ZipEntry::Symlink, "link-out", "/etc/passwd"},
                                          {ZipEntry::Symlink, "link-in", "real.txt"},
                                          {ZipEntry::File, "real.txt", "real"}}));
        QVERIFY2(run->result.ok, qPrintable(run->result.error));
        QCOMPARE(tree(run->dest), QStringList({"real.txt"}));
        QCOMPARE(run->result.skipped.size(), 2);
        QVERIFY(run->result.skipped.first().contains(QStringLiteral("symbolic link")));
    }

    void symlinkThenFileThroughItStaysInside()
    {
        // The classic two-step: a link to outside, then a file "through" the link.
        const auto run = extract(makeZip({{ZipEntry::Symlink, "escape", "../.."},
                                          {ZipEntry::File, "escape/evil.txt", "pwned"}}));
        QVERIFY2(run->result.ok, qPrintable(run->result.error));
        QCOMPARE(tree(run->dest), QStringList({"escape", "escape/evil.txt"}));
        QVERIFY(!QFileInfo(run->dest + "/escape").isSymLink());
        QVERIFY(!QFileInfo::exists(run->work.path() + "/evil.txt"));
    }

    void ratioBombIsRefused()
    {
        ZipLimits limits;
        limits.maxRatio = 50;
        limits.ratioGraceBytes = 1024 * 1024;
        const auto run = extract(
            makeZip({{ZipEntry::File, "zeros.bin", std::string(8 * 1024 * 1024, '\0')}}), limits);
        QVERIFY(!run->result.ok);
        QCOMPARE(run->result.httpStatus, 413);
        QVERIFY2(run->result.error.contains(QStringLiteral("times its size")),
                 qPrintable(run->result.error));
    }

    void totalSizeCapIsRefused()
    {
        ZipLimits limits;
        limits.maxTotalBytes = 1024 * 1024;
        const auto run = extract(makeZip({{ZipEntry::File, "a.bin", std::string(600 * 1024, 'a')},
                                          {ZipEntry::File, "b.bin", std::string(600 * 1024, 'b')}}),
                                 limits);
        QVERIFY(!run->result.ok);
        QCOMPARE(run->result.httpStatus, 413);
    }

    void entryCountCapIsRefused()
    {
        ZipLimits limits;
        limits.maxEntries = 3;
        std::vector<ZipEntry> entries;
        for (int i = 0; i < 5; ++i)
            entries.push_back({ZipEntry::File, "f" + std::to_string(i), "x"});
        const auto run = extract(makeZip(entries), limits);
        QVERIFY(!run->result.ok);
        QCOMPARE(run->result.httpStatus, 413);
        QCOMPARE(tree(run->dest), QStringList());
    }

    void withinLimitsPasses()
    {
        ZipLimits limits;
        limits.maxTotalBytes = 2 * 1024 * 1024;
        limits.maxEntries = 2;
        const auto run
            = extract(makeZip({{ZipEntry::File, "a.bin", std::string(1024 * 1024, 'a')}}), limits);
        QVERIFY2(run->result.ok, qPrintable(run->result.error));
    }

    void garbageIsNotAZip()
    {
        const auto run = extract(QByteArray("this is not a zip archive at all"));
        QVERIFY(!run->result.ok);
        QCOMPARE(run->result.httpStatus, 400);
    }

    void safeSegments()
    {
        QStringList segments;
        QVERIFY(ZipExtractor::safeSegments("a/./b//c/", &segments, nullptr));
        QCOMPARE(segments, QStringList({"a", "b", "c"}));
        QVERIFY(ZipExtractor::safeSegments("win\\dir\\f.txt", &segments, nullptr));
        QCOMPARE(segments, QStringList({"win", "dir", "f.txt"}));
        QVERIFY(ZipExtractor::safeSegments("./", &segments, nullptr));
        QVERIFY(segments.isEmpty());
        QVERIFY(!ZipExtractor::safeSegments(QByteArray("a\0b", 3), &segments, nullptr));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorZipExtractor)
#include "tst_emulator_zipextractor.moc"
