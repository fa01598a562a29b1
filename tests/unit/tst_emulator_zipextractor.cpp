// ZipExtractor: archives built here with libarchive's writer, hostile ones included.

#include "EmulatorTestSupport.h"
#include "ZipExtractor.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace emutest;

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
