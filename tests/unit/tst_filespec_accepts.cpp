// Unit tests for FileSpec, what is accepted: parsing of listing and stat answers
// (network/api/PROTOCOL.md, "Listing entries"), in both the REST form (float seconds) and the
// Platform API v1 form (ISO-8601 strings). What is refused: tst_filespec_rejects.
#include "network/api/FileSpec.h"
#include "tests/unit/FileSpecJson.h"

#include <QTest>
#include <QTimeZone>

#include <ctime>

class TestFileSpecAccepts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void contractExample();
    void emptyList();
    void floatTimes_data();
    void floatTimes();
    void isoTimes_data();
    void isoTimes();
    void missingOrBadTimesAreInvalid();
    void timesOutOfRangeAreInvalid();
    void directory();
    void folderFromPath();
    void checksumsLowerCased();
    void nameIsDerivedWhenAbsent();
    void relativePathIsAccepted();
    void namesWithOuterBlanks();
    void largeSizes();
};

void TestFileSpecAccepts::initTestCase()
{
    // A local time zone far from UTC, so that a time read as local instead of UTC shows.
    qputenv("TZ", "Asia/Kolkata");
    tzset();
}

void TestFileSpecAccepts::contractExample()
{
    QString error;
    const auto list = FileSpec::parseList(kContractExample, &error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->size(), 2);

    const FileSpec &file = list->at(0);
    QCOMPARE(file.path.absolute(), QStringLiteral("/data/models/a.bin"));
    QCOMPARE(file.path.relative(), QStringLiteral("models/a.bin"));
    QCOMPARE(file.name, QStringLiteral("a.bin"));
    QVERIFY(file.isFile);
    QVERIFY(!file.isDir());
    QCOMPARE(file.size, qint64(1250023));
    QCOMPARE(file.created.toMSecsSinceEpoch(), qint64(1747900000000));
    QCOMPARE(file.updated.toMSecsSinceEpoch(), qint64(1747900000000));
    QCOMPARE(file.created.timeSpec(), Qt::UTC);
    QVERIFY(file.checksumMd5.isEmpty());
    QVERIFY(file.checksumSha256.isEmpty());

    const FileSpec &dir = list->at(1);
    QCOMPARE(dir.path.relative(), QStringLiteral("models/sub"));
    QCOMPARE(dir.name, QStringLiteral("sub"));
    QVERIFY(!dir.isFile);
    QVERIFY(dir.isDir());
    QCOMPARE(dir.size, qint64(0));
    QCOMPARE(dir.created.toMSecsSinceEpoch(), qint64(1747900001500));
    QCOMPARE(dir.updated.toMSecsSinceEpoch(), qint64(1747900002250));
}

void TestFileSpecAccepts::emptyList()
{
    QString error;
    const auto list = FileSpec::parseList("[]", &error);
    QVERIFY2(list, qPrintable(error));
    QVERIFY(list->isEmpty());
    const auto spaced = FileSpec::parseList(" [ ]\n", &error);
    QVERIFY2(spaced, qPrintable(error));
    QVERIFY(spaced->isEmpty());
}

void TestFileSpecAccepts::floatTimes_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("msecs");

    QTest::newRow("whole seconds as float") << QByteArray("1747900000.0") << qint64(1747900000000);
    QTest::newRow("whole seconds as integer") << QByteArray("1747900000") << qint64(1747900000000);
    QTest::newRow("half second") << QByteArray("1747900000.5") << qint64(1747900000500);
    QTest::newRow("milliseconds") << QByteArray("1747900000.123") << qint64(1747900000123);
    QTest::newRow("milliseconds 2") << QByteArray("1747900000.001") << qint64(1747900000001);
    QTest::newRow("microseconds (Python time.time())")
        << QByteArray("1747900000.123456") << qint64(1747900000123);
    QTest::newRow("epoch") << QByteArray("0") << qint64(0);
}

void TestFileSpecAccepts::floatTimes()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, msecs);
    QString error;
    const auto spec
        = FileSpec::fromJson(object(R"({"path":"/data/a","is_file":true,"size":1,"created_time":)"
                                    + value + R"(,"updated_time":)" + value + "}"),
                             &error);
    QVERIFY2(spec, qPrintable(error));
    QVERIFY(spec->created.isValid());
    QCOMPARE(spec->created.timeSpec(), Qt::UTC);
    QCOMPARE(spec->created.toMSecsSinceEpoch(), msecs);
    QCOMPARE(spec->updated.toMSecsSinceEpoch(), msecs);
}

void TestFileSpecAccepts::isoTimes_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<qint64>("msecs");

    const qint64 base = 1747908000000; // 2025-05-22T10:00:00Z
    QTest::newRow("Z") << "2025-05-22T10:00:00Z" << base;
    QTest::newRow("+00:00") << "2025-05-22T10:00:00+00:00" << base;
    QTest::newRow("milliseconds Z") << "2025-05-22T10:00:00.250Z" << base + 250;
    QTest::newRow("microseconds +00:00 (Python isoformat)")
        << "2025-05-22T10:00:00.250000+00:00" << base + 250;
    QTest::newRow("other offset") << "2025-05-22T12:00:00+02:00" << base;
    QTest::newRow("negative offset") << "2025-05-22T05:00:00-05:00" << base;
    // The v1 API gives UTC strings; one without an offset is still UTC, not the local zone.
    QTest::newRow("no offset means UTC") << "2025-05-22T10:00:00" << base;
}

void TestFileSpecAccepts::isoTimes()
{
    QFETCH(QString, value);
    QFETCH(qint64, msecs);
    QJsonObject json = object(R"({"path":"/data/a","is_file":true,"size":1})");
    json.insert(QStringLiteral("created_time"), value);
    json.insert(QStringLiteral("updated_time"), value);
    QString error;
    const auto spec = FileSpec::fromJson(json, &error);
    QVERIFY2(spec, qPrintable(error));
    QVERIFY(spec->created.isValid());
    QCOMPARE(spec->created.timeSpec(), Qt::UTC);
    QCOMPARE(spec->created.toMSecsSinceEpoch(), msecs);
    QCOMPARE(spec->updated.toMSecsSinceEpoch(), msecs);
}

void TestFileSpecAccepts::missingOrBadTimesAreInvalid()
{
    QString error;
    const auto none
        = FileSpec::fromJson(object(R"({"path":"/data/a","is_file":true,"size":1})"), &error);
    QVERIFY2(none, qPrintable(error));
    QVERIFY(!none->created.isValid());
    QVERIFY(!none->updated.isValid());

    const auto bad = FileSpec::fromJson(
        object(R"({"path":"/data/a","is_file":true,"size":1,"created_time":"yesterday",
                   "updated_time":null})"),
        &error);
    QVERIFY2(bad, qPrintable(error));
    QVERIFY(!bad->created.isValid());
    QVERIFY(!bad->updated.isValid());
}

void TestFileSpecAccepts::timesOutOfRangeAreInvalid()
{
    // Seconds whose milliseconds do not fit in 64 bits: converting them was undefined and, on
    // x86, gave a "valid" date 292 million years ago (found by fuzz_filespec under UBSan).
    QString error;
    const auto spec = FileSpec::fromJson(
        object(R"({"path":"/data/a","is_file":true,"size":1,"created_time":1.7e37,
                   "updated_time":-1e300})"),
        &error);
    QVERIFY2(spec, qPrintable(error));
    QVERIFY(!spec->created.isValid());
    QVERIFY(!spec->updated.isValid());
    // A time is believed up to the year 5138 (1e11 s); past it, it is not a time.
    const auto edge = FileSpec::fromJson(
        object(R"({"path":"/data/a","is_file":true,"size":1,"created_time":9.9e10,
                   "updated_time":1.1e11})"),
        &error);
    QVERIFY2(edge, qPrintable(error));
    QVERIFY(edge->created.isValid()); // still within range: kept
    QVERIFY(!edge->updated.isValid());
}

void TestFileSpecAccepts::folderFromPath()
{
    const FileSpec folder = FileSpec::folder(*RemotePath::parse(QStringLiteral("models/sub")));
    QVERIFY(folder.isDir());
    QCOMPARE(folder.path.absolute(), QStringLiteral("/data/models/sub"));
    QCOMPARE(folder.name, QStringLiteral("sub"));
    QCOMPARE(folder.size, qint64(0));
    QVERIFY(!folder.created.isValid());
    QVERIFY(!folder.updated.isValid());
    const FileSpec root = FileSpec::folder(RemotePath());
    QVERIFY(root.isDir());
    QVERIFY(root.path.isRoot());
    QCOMPARE(root.name, RemotePath().name());
}

void TestFileSpecAccepts::directory()
{
    QString error;
    const auto spec = FileSpec::fromJson(
        object(R"({"path":"//data/models/","name":"models","is_file":false,"size":0,
                   "created_time":1747900000.0,"updated_time":1747900000.0})"),
        &error);
    QVERIFY2(spec, qPrintable(error));
    QVERIFY(spec->isDir());
    QVERIFY(!spec->isFile);
    QCOMPARE(spec->size, qint64(0));
    QCOMPARE(spec->path.relative(), QStringLiteral("models"));
    QCOMPARE(spec->name, QStringLiteral("models"));

    // A directory entry without a size at all is fine too.
    const auto noSize = FileSpec::fromJson(object(R"({"path":"/data/d","is_file":false})"), &error);
    QVERIFY2(noSize, qPrintable(error));
    QVERIFY(noSize->isDir());
    QCOMPARE(noSize->size, qint64(0));
}

void TestFileSpecAccepts::checksumsLowerCased()
{
    QString error;
    const auto spec = FileSpec::fromJson(object(R"({"path":"/data/a.bin","is_file":true,"size":3,
                   "checksum_md5":"900150983CD24FB0D6963F7D28E17F72",
                   "checksum_sha256":"BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"})"),
                                         &error);
    QVERIFY2(spec, qPrintable(error));
    QCOMPARE(spec->checksumMd5, QStringLiteral("900150983cd24fb0d6963f7d28e17f72"));
    QCOMPARE(spec->checksumSha256,
             QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestFileSpecAccepts::nameIsDerivedWhenAbsent()
{
    QString error;
    const auto spec = FileSpec::fromJson(
        object(R"({"path":"/data/x/y z.txt","is_file":true,"size":5})"), &error);
    QVERIFY2(spec, qPrintable(error));
    QCOMPARE(spec->name, QStringLiteral("y z.txt"));
    const auto emptyName = FileSpec::fromJson(
        object(R"({"path":"/data/x/y","name":"","is_file":true,"size":5})"), &error);
    QVERIFY2(emptyName, qPrintable(error));
    QCOMPARE(emptyName->name, QStringLiteral("y"));
}

void TestFileSpecAccepts::relativePathIsAccepted()
{
    QString error;
    const auto spec
        = FileSpec::fromJson(object(R"({"path":"models/a.bin","is_file":true,"size":1})"), &error);
    QVERIFY2(spec, qPrintable(error));
    QCOMPARE(spec->path.absolute(), QStringLiteral("/data/models/a.bin"));
}

void TestFileSpecAccepts::namesWithOuterBlanks()
{
    // Legal file names on /data (fal's SDK writes whatever name it is given). One such file must
    // neither be renamed in the listing nor make the whole folder unlistable.
    const QByteArray json = R"([
        {"path":"/data/docs/notes.txt ","name":"notes.txt ","is_file":true,"size":1},
        {"path":"/data/docs/ draft","name":" draft","is_file":true,"size":2},
        {"path":"/data/docs/plain","name":"plain","is_file":true,"size":3}
    ])";
    QString error;
    const auto list = FileSpec::parseList(json, &error);
    QVERIFY2(list, qPrintable(error));
    QCOMPARE(list->size(), 3);
    QCOMPARE(list->at(0).name, QStringLiteral("notes.txt "));
    QCOMPARE(list->at(0).path.absolute(), QStringLiteral("/data/docs/notes.txt "));
    QCOMPARE(list->at(1).name, QStringLiteral(" draft"));
    QCOMPARE(list->at(1).path.relative(), QStringLiteral("docs/ draft"));
}

void TestFileSpecAccepts::largeSizes()
{
    // 200 GB and ~1 TB files must keep their exact size.
    for (const qint64 size :
         {qint64(200'000'000'000), qint64(1'048'576'000'000), qint64(1) << 52}) {
        QJsonObject json = object(R"({"path":"/data/big.safetensors","is_file":true})");
        json.insert(QStringLiteral("size"), double(size));
        QString error;
        const auto spec = FileSpec::fromJson(json, &error);
        QVERIFY2(spec, qPrintable(error));
        QCOMPARE(spec->size, size);
    }
    const auto list
        = FileSpec::parseList(R"([{"path":"/data/big","is_file":true,"size":214748364800}])");
    QVERIFY(list);
    QCOMPARE(list->at(0).size, qint64(214748364800));
}

QTEST_GUILESS_MAIN(TestFileSpecAccepts)
#include "tst_filespec_accepts.moc"
