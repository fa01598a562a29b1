// Unit tests for FileSpec, what is refused: answers that would make us show or write a different
// file than the one named, and answers that are not listings at all. What is accepted:
// tst_filespec_accepts.
#include "network/api/FileSpec.h"
#include "tests/unit/FileSpecJson.h"

#include <QTest>

class TestFileSpecRejects : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rejectsEntry_data();
    void rejectsEntry();
    void rejectsList_data();
    void rejectsList();
    void badEntrySpoilsList();
    void errorIsOptional();
};

void TestFileSpecRejects::rejectsEntry_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("missing path") << QByteArray(R"({"name":"a","is_file":true,"size":1})");
    QTest::newRow("path not a string") << QByteArray(R"({"path":42,"is_file":true,"size":1})");
    QTest::newRow("path null") << QByteArray(R"({"path":null,"is_file":true,"size":1})");
    QTest::newRow("missing is_file") << QByteArray(R"({"path":"/data/a","size":1})");
    QTest::newRow("is_file not a bool")
        << QByteArray(R"({"path":"/data/a","is_file":"true","size":1})");
    QTest::newRow("is_file as number") << QByteArray(R"({"path":"/data/a","is_file":1,"size":1})");
    QTest::newRow("negative size") << QByteArray(R"({"path":"/data/a","is_file":true,"size":-1})");
    QTest::newRow("size as string")
        << QByteArray(R"({"path":"/data/a","is_file":true,"size":"12"})");
    QTest::newRow("size absurdly large")
        << QByteArray(R"({"path":"/data/a","is_file":true,"size":1e300})");
    QTest::newRow("name disagrees with path")
        << QByteArray(R"({"path":"/data/models/a.bin","name":"b.bin","is_file":true,"size":1})");
    QTest::newRow("name is a path")
        << QByteArray(R"({"path":"/data/a","name":"../../a","is_file":true})");
    QTest::newRow("the root itself") << QByteArray(R"({"path":"/data","is_file":false,"size":0})");
    QTest::newRow("the root, empty") << QByteArray(R"({"path":"","is_file":false,"size":0})");
    QTest::newRow("escapes /data")
        << QByteArray(R"({"path":"/data/../x","is_file":true,"size":1})");
    QTest::newRow("escapes /data deep")
        << QByteArray(R"({"path":"/data/a/../../etc/passwd","is_file":true,"size":1})");
    QTest::newRow("outside /data") << QByteArray(R"({"path":"/etc/x","is_file":true,"size":1})");
    QTest::newRow("lookalike /database")
        << QByteArray(R"({"path":"/database/x","is_file":true,"size":1})");
    QTest::newRow("relative ..") << QByteArray(R"({"path":"../x","is_file":true,"size":1})");
    QTest::newRow("dot") << QByteArray(R"({"path":"/data/a/.","is_file":true,"size":1})");
    QTest::newRow("backslash") << QByteArray(R"({"path":"/data/..\\x","is_file":true,"size":1})");
    QTest::newRow("NUL") << QByteArray(R"({"path":"/data/a\u0000b","is_file":true,"size":1})");
    QTest::newRow("control char in name")
        << QByteArray(R"({"path":"/data/a\nb","is_file":true,"size":1})");
    QTest::newRow("empty object") << QByteArray("{}");
}

void TestFileSpecRejects::rejectsEntry()
{
    QFETCH(QByteArray, json);
    QString error;
    const auto spec = FileSpec::fromJson(object(json), &error);
    QVERIFY2(!spec, qPrintable(QString::fromUtf8(json)));
    QVERIFY(!error.isEmpty());
}

void TestFileSpecRejects::rejectsList_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("empty body") << QByteArray();
    QTest::newRow("malformed") << QByteArray(R"([{"path":"/data/a","is_file":true)");
    QTest::newRow("trailing garbage") << QByteArray(R"([] x)");
    QTest::newRow("HTML") << QByteArray("<html><body>502 Bad Gateway</body></html>");
    QTest::newRow("object, not array")
        << QByteArray(R"({"path":"/data/a","is_file":true,"size":1})");
    QTest::newRow("error object") << QByteArray(R"({"detail":"Not Found"})");
    QTest::newRow("true") << QByteArray("true");
    QTest::newRow("string") << QByteArray(R"("[]")");
    QTest::newRow("array of numbers") << QByteArray("[1, 2]");
    QTest::newRow("array of strings") << QByteArray(R"(["/data/a"])");
    QTest::newRow("array with null") << QByteArray("[null]");
}

void TestFileSpecRejects::rejectsList()
{
    QFETCH(QByteArray, json);
    QString error;
    QVERIFY(!FileSpec::parseList(json, &error));
    QVERIFY(!error.isEmpty());
}

void TestFileSpecRejects::badEntrySpoilsList()
{
    // One hostile entry among good ones is left out (and said); the good ones are kept and the
    // hostile one is never turned into a path.
    const QByteArray json = R"([
        {"path":"/data/a","is_file":true,"size":1},
        {"path":"/data/../etc/passwd","name":"passwd","is_file":true,"size":1},
        {"path":"/data/b","is_file":true,"size":1}
    ])";
    QString error;
    QStringList skipped;
    const auto list = FileSpec::parseList(json, &error, &skipped);
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->at(0).path.relative(), QStringLiteral("a"));
    QCOMPARE(list->at(1).path.relative(), QStringLiteral("b"));
    QCOMPARE(skipped.size(), 1);
    QVERIFY2(skipped.first().contains(QStringLiteral("passwd")), qPrintable(skipped.first()));
}

void TestFileSpecRejects::errorIsOptional()
{
    QVERIFY(!FileSpec::fromJson(object("{}")));
    QVERIFY(!FileSpec::parseList("nope"));
    QVERIFY(FileSpec::parseList(kContractExample));
}

QTEST_GUILESS_MAIN(TestFileSpecRejects)
#include "tst_filespec_rejects.moc"
