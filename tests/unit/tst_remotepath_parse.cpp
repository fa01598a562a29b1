// Unit tests for RemotePath, the way in: parse() is the one place that turns the wire's relative
// paths and the absolute "/data/..." paths people and listings use into a RemotePath, and the
// guard against leaving /data; isValidName() guards single names. What a path then offers:
// tst_remotepath_accessors.
#include "network/api/RemotePath.h"

#include <QTest>

class TestRemotePathParse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAccepts_data();
    void parseAccepts();
    void parseRejects_data();
    void parseRejects();
    void parseRejectsNul();
    void whyNotIsOptional();
    void isValidName_data();
    void isValidName();
    void fromRelative();
};

void TestRemotePathParse::parseAccepts_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("relative");

    QTest::newRow("empty is the root") << ""
                                       << "";
    QTest::newRow("/data is the root") << "/data"
                                       << "";
    QTest::newRow("/data/ is the root") << "/data/"
                                        << "";
    QTest::newRow("//data is the root") << "//data"
                                        << "";
    QTest::newRow("///data/ is the root") << "///data/"
                                          << "";
    QTest::newRow("relative single") << "models"
                                     << "models";
    QTest::newRow("relative nested") << "models/a.bin"
                                     << "models/a.bin";
    QTest::newRow("relative trailing slash") << "models/x/"
                                             << "models/x";
    QTest::newRow("relative leading slashes are not absolute") << "models//x"
                                                               << "models/x";
    QTest::newRow("absolute") << "/data/x"
                              << "x";
    QTest::newRow("absolute nested") << "/data/models/a.bin"
                                     << "models/a.bin";
    QTest::newRow("absolute, SDK double slash") << "//data/x"
                                                << "x";
    QTest::newRow("absolute, triple slash") << "///data/x/y"
                                            << "x/y";
    QTest::newRow("trailing slashes") << "/data/x/y///"
                                      << "x/y";
    QTest::newRow("repeated slashes") << "/data//x///y"
                                      << "x/y";
    QTest::newRow("repeated slashes relative") << "a//b///c"
                                               << "a/b/c";
    QTest::newRow("data/ relative is /data/data") << "data/models/x"
                                                  << "data/models/x";
    QTest::newRow("/data/data") << "/data/data"
                                << "data";
    QTest::newRow("dots inside a name") << "/data/a..b/.hidden/x."
                                        << "a..b/.hidden/x.";
    QTest::newRow("three dots is a name") << "/data/..."
                                          << "...";
    QTest::newRow("encoded dots are a literal name") << "/data/%2e%2e"
                                                     << "%2e%2e";
    QTest::newRow("unicode") << QString::fromUtf8("/data/模型/ü.bin")
                             << QString::fromUtf8("模型/ü.bin");
    QTest::newRow("spaces inside") << "/data/my models/a b.bin"
                                   << "my models/a b.bin";
    QTest::newRow("special chars") << "/data/a#b/c?d/e%f"
                                   << "a#b/c?d/e%f";
}

void TestRemotePathParse::parseAccepts()
{
    QFETCH(QString, input);
    QFETCH(QString, relative);
    QString why = QStringLiteral("untouched");
    const auto path = RemotePath::parse(input, &why);
    QVERIFY2(path.has_value(), qPrintable(why));
    QCOMPARE(path->relative(), relative);
    QCOMPARE(path->isRoot(), relative.isEmpty());
    QCOMPARE(path->absolute(), relative.isEmpty() ? QStringLiteral("/data") : "/data/" + relative);
    // Canonical form is a fixed point: parsing the relative and the absolute form gives it back.
    QCOMPARE(RemotePath::parse(path->relative())->relative(), relative);
    QCOMPARE(RemotePath::parse(path->absolute())->relative(), relative);
}

void TestRemotePathParse::parseRejects_data()
{
    QTest::addColumn<QString>("input");

    QTest::newRow("..") << "..";
    QTest::newRow(".") << ".";
    QTest::newRow("./x") << "./x";
    QTest::newRow("../x") << "../x";
    QTest::newRow("a/../b") << "a/../b";
    QTest::newRow("a/./b") << "a/./b";
    QTest::newRow("trailing ..") << "a/b/..";
    QTest::newRow("/data/..") << "/data/..";
    QTest::newRow("/data/../etc") << "/data/../etc";
    QTest::newRow("/data/../etc/passwd") << "/data/../etc/passwd";
    QTest::newRow("//data/../x") << "//data/../x";
    QTest::newRow("/data/.") << "/data/.";
    QTest::newRow("/") << "/";
    QTest::newRow("//") << "//";
    QTest::newRow("/etc/passwd") << "/etc/passwd";
    QTest::newRow("/database/x") << "/database/x";
    QTest::newRow("/database") << "/database";
    QTest::newRow("/datax") << "/datax";
    QTest::newRow("/Data/x (case)") << "/Data/x";
    QTest::newRow("/tmp/data/x") << "/tmp/data/x";
    QTest::newRow("/x/data") << "/x/data";
    QTest::newRow("backslash") << "a\\b";
    QTest::newRow("backslash absolute") << "/data\\..\\etc";
    QTest::newRow("backslash dots") << "..\\x";
}

void TestRemotePathParse::parseRejects()
{
    QFETCH(QString, input);
    QString why;
    const auto path = RemotePath::parse(input, &why);
    QVERIFY2(!path.has_value(), qPrintable(input + " -> " + (path ? path->relative() : QString())));
    QVERIFY2(!why.isEmpty(), "a rejection must give a reason");
}

void TestRemotePathParse::parseRejectsNul()
{
    const QString nul(QChar(0));
    for (const QString &input :
         QStringList {QStringLiteral("a") + nul + QStringLiteral("b"),
                      QStringLiteral("/data/x") + nul, nul + QStringLiteral("/data/x")}) {
        QString why;
        QVERIFY(!RemotePath::parse(input, &why).has_value());
        QVERIFY(!why.isEmpty());
    }
}

void TestRemotePathParse::whyNotIsOptional()
{
    QVERIFY(!RemotePath::parse(QStringLiteral("/etc/passwd")).has_value());
    QVERIFY(!RemotePath::parse(QStringLiteral("..")).has_value());
    QVERIFY(RemotePath::parse(QStringLiteral("/data/x")).has_value());
    QVERIFY(!RemotePath::isValidName(QStringLiteral("a/b")));
    QVERIFY(RemotePath::isValidName(QStringLiteral("a")));
}

void TestRemotePathParse::isValidName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");

    QTest::newRow("plain") << "a.bin" << true;
    QTest::newRow("spaces inside") << "a b c" << true;
    QTest::newRow("dot file") << ".hidden" << true;
    QTest::newRow("three dots") << "..." << true;
    QTest::newRow("unicode") << QString::fromUtf8("模型ü") << true;
    QTest::newRow("special") << "a#b?c%d" << true;
    QTest::newRow("255 bytes") << QString(255, QLatin1Char('x')) << true;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("blank") << "   " << false;
    QTest::newRow(".") << "." << false;
    QTest::newRow("..") << ".." << false;
    QTest::newRow("slash") << "a/b" << false;
    QTest::newRow("only slash") << "/" << false;
    QTest::newRow("backslash") << "a\\b" << false;
    QTest::newRow("NUL") << QStringLiteral("a") + QChar(0) + QStringLiteral("b") << false;
    QTest::newRow("newline") << "a\nb" << false;
    QTest::newRow("tab") << "a\tb" << false;
    QTest::newRow("DEL") << QStringLiteral("a") + QChar(0x7f) << false;
    QTest::newRow("ESC") << QStringLiteral("a") + QChar(0x1b) + QStringLiteral("[2J") << false;
    // C1: U+009B is CSI, which some terminals read like ESC [.
    QTest::newRow("C1 first (U+0080)") << QStringLiteral("a") + QChar(0x80) << false;
    QTest::newRow("C1 CSI (U+009B)")
        << QStringLiteral("a") + QChar(0x9b) + QStringLiteral("2J") << false;
    QTest::newRow("C1 last (U+009F)") << QChar(0x9f) + QStringLiteral("b") << false;
    QTest::newRow("after C1 (U+00A0, no-break space)")
        << QStringLiteral("a") + QChar(0xa0) + QStringLiteral("b") << true;
    QTest::newRow("256 bytes") << QString(256, QLatin1Char('x')) << false;
    // 128 two-byte characters: 128 characters but 256 bytes of UTF-8.
    QTest::newRow("256 UTF-8 bytes") << QString(128, QChar(0xfc)) << false;
}

void TestRemotePathParse::isValidName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(RemotePath::isValidName(name, &why), valid);
    QCOMPARE(why.isEmpty(), valid);
}

void TestRemotePathParse::fromRelative()
{
    const RemotePath path = RemotePath::fromRelative(QStringLiteral("models/a.bin"));
    QCOMPARE(path.relative(), QStringLiteral("models/a.bin"));
    QCOMPARE(path.absolute(), QStringLiteral("/data/models/a.bin"));
    QVERIFY(RemotePath::fromRelative(QString()).isRoot());
}

QTEST_GUILESS_MAIN(TestRemotePathParse)
#include "tst_remotepath_parse.moc"
