// Unit tests for RemotePath: the one place that converts between the wire's relative paths and
// the absolute "/data/..." paths people and listings use, and the guard against leaving /data.
#include "network/api/RemotePath.h"

#include <QSet>
#include <QTest>
#include <QUrl>

class TestRemotePath : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAccepts_data();
    void parseAccepts();
    void parseRejects_data();
    void parseRejects();
    void parseRejectsNul();
    void whyNotIsOptional();
    void rootAccessors();
    void accessors_data();
    void accessors();
    void parentChain();
    void child();
    void childRoundTripsThroughParse_data();
    void childRoundTripsThroughParse();
    void isAncestorOf_data();
    void isAncestorOf();
    void encodedForRoute_data();
    void encodedForRoute();
    void encodedForRouteDecodesBack_data();
    void encodedForRouteDecodesBack();
    void isValidName_data();
    void isValidName();
    void equalityOrderingAndHash();
    void fromRelative();
};

void TestRemotePath::parseAccepts_data()
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

void TestRemotePath::parseAccepts()
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

void TestRemotePath::parseRejects_data()
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

void TestRemotePath::parseRejects()
{
    QFETCH(QString, input);
    QString why;
    const auto path = RemotePath::parse(input, &why);
    QVERIFY2(!path.has_value(), qPrintable(input + " -> " + (path ? path->relative() : QString())));
    QVERIFY2(!why.isEmpty(), "a rejection must give a reason");
}

void TestRemotePath::parseRejectsNul()
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

void TestRemotePath::whyNotIsOptional()
{
    QVERIFY(!RemotePath::parse(QStringLiteral("/etc/passwd")).has_value());
    QVERIFY(!RemotePath::parse(QStringLiteral("..")).has_value());
    QVERIFY(RemotePath::parse(QStringLiteral("/data/x")).has_value());
    QVERIFY(!RemotePath::isValidName(QStringLiteral("a/b")));
    QVERIFY(RemotePath::isValidName(QStringLiteral("a")));
}

void TestRemotePath::rootAccessors()
{
    const RemotePath root;
    QVERIFY(root.isRoot());
    QCOMPARE(root.relative(), QString());
    QCOMPARE(root.absolute(), QStringLiteral("/data"));
    QCOMPARE(root.name(), QStringLiteral("data"));
    QVERIFY(root.parent().isRoot());
    QCOMPARE(root.encodedForRoute(), QString());
    QVERIFY(root == *RemotePath::parse(QStringLiteral("/data")));
    QVERIFY(root == *RemotePath::parse(QString()));
}

void TestRemotePath::accessors_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("absolute");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("parent");

    QTest::newRow("top level") << "/data/x"
                               << "/data/x"
                               << "x"
                               << "";
    QTest::newRow("nested") << "models/sd/a.bin"
                            << "/data/models/sd/a.bin"
                            << "a.bin"
                            << "models/sd";
    QTest::newRow("two levels") << "//data/a/b/"
                                << "/data/a/b"
                                << "b"
                                << "a";
    QTest::newRow("/data/data") << "/data/data"
                                << "/data/data"
                                << "data"
                                << "";
    QTest::newRow("unicode") << QString::fromUtf8("ü/模型") << QString::fromUtf8("/data/ü/模型")
                             << QString::fromUtf8("模型") << QString::fromUtf8("ü");
}

void TestRemotePath::accessors()
{
    QFETCH(QString, input);
    QFETCH(QString, absolute);
    QFETCH(QString, name);
    QFETCH(QString, parent);
    const auto path = RemotePath::parse(input);
    QVERIFY(path);
    QVERIFY(!path->isRoot());
    QCOMPARE(path->absolute(), absolute);
    QCOMPARE(path->name(), name);
    QCOMPARE(path->parent().relative(), parent);
    QCOMPARE(path->parent().child(name), *path);
}

void TestRemotePath::parentChain()
{
    auto path = *RemotePath::parse(QStringLiteral("/data/a/b/c/d"));
    QStringList seen;
    int guard = 0;
    while (!path.isRoot() && guard++ < 10) {
        seen << path.relative();
        path = path.parent();
    }
    QCOMPARE(seen, QStringList({"a/b/c/d", "a/b/c", "a/b", "a"}));
    QVERIFY(path.isRoot());
    QVERIFY(path.parent().isRoot());
}

void TestRemotePath::child()
{
    const RemotePath root;
    const RemotePath models = root.child(QStringLiteral("models"));
    QCOMPARE(models.relative(), QStringLiteral("models"));
    QCOMPARE(models.absolute(), QStringLiteral("/data/models"));
    const RemotePath file = models.child(QStringLiteral("a b#c.bin"));
    QCOMPARE(file.relative(), QStringLiteral("models/a b#c.bin"));
    QCOMPARE(file.name(), QStringLiteral("a b#c.bin"));
    QCOMPARE(file.parent(), models);
    QCOMPARE(root.child(QStringLiteral("data")).absolute(), QStringLiteral("/data/data"));
}

void TestRemotePath::childRoundTripsThroughParse_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << "a.bin";
    QTest::newRow("inner space") << "a b";
    QTest::newRow("dots") << "...";
    QTest::newRow("hash, query, percent") << "a#b?c%d";
    QTest::newRow("unicode") << QString::fromUtf8("ü模型");
    // isValidName() accepts these, so the path built from them must survive a round trip
    // through its own absolute() form (that is how it comes back in a listing).
    QTest::newRow("trailing space") << "notes.txt ";
    QTest::newRow("leading space") << " notes.txt";
}

void TestRemotePath::childRoundTripsThroughParse()
{
    QFETCH(QString, name);
    QVERIFY(RemotePath::isValidName(name));
    for (const RemotePath &parent : {RemotePath(), *RemotePath::parse(QStringLiteral("dir"))}) {
        const RemotePath built = parent.child(name);
        QCOMPARE(built.name(), name);
        const auto fromAbsolute = RemotePath::parse(built.absolute());
        QVERIFY(fromAbsolute);
        QCOMPARE(fromAbsolute->relative(), built.relative());
        const auto fromRelative = RemotePath::parse(built.relative());
        QVERIFY(fromRelative);
        QCOMPARE(fromRelative->relative(), built.relative());
    }
}

void TestRemotePath::isAncestorOf_data()
{
    QTest::addColumn<QString>("ancestor");
    QTest::addColumn<QString>("other");
    QTest::addColumn<bool>("expected");

    QTest::newRow("root of child") << ""
                                   << "a" << true;
    QTest::newRow("root of deep") << ""
                                  << "a/b/c" << true;
    QTest::newRow("root of root (strict)") << ""
                                           << "" << false;
    QTest::newRow("self (strict)") << "a/b"
                                   << "a/b" << false;
    QTest::newRow("parent") << "a"
                            << "a/b" << true;
    QTest::newRow("grandparent") << "a"
                                 << "a/b/c" << true;
    QTest::newRow("prefix is not a parent") << "a"
                                            << "ab" << false;
    QTest::newRow("prefix is not a parent, deep") << "a/b"
                                                  << "a/bc/d" << false;
    QTest::newRow("child of parent") << "a/b"
                                     << "a" << false;
    QTest::newRow("something of root") << "a"
                                       << "" << false;
    QTest::newRow("sibling") << "a/b"
                             << "a/c" << false;
}

void TestRemotePath::isAncestorOf()
{
    QFETCH(QString, ancestor);
    QFETCH(QString, other);
    QFETCH(bool, expected);
    const auto a = RemotePath::parse(ancestor);
    const auto b = RemotePath::parse(other);
    QVERIFY(a && b);
    QCOMPARE(a->isAncestorOf(*b), expected);
    if (expected)
        QVERIFY(!b->isAncestorOf(*a));
}

void TestRemotePath::encodedForRoute_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("encoded");

    QTest::newRow("root") << "/data"
                          << "";
    QTest::newRow("plain") << "models/a.bin"
                           << "models/a.bin";
    QTest::newRow("unreserved kept") << "A-Z_a~z.0-9"
                                     << "A-Z_a~z.0-9";
    QTest::newRow("space") << "my models/a b.bin"
                           << "my%20models/a%20b.bin";
    QTest::newRow("hash") << "a#b"
                          << "a%23b";
    QTest::newRow("question mark") << "a?b=c"
                                   << "a%3Fb%3Dc";
    QTest::newRow("percent") << "100%/x%2e"
                             << "100%25/x%252e";
    QTest::newRow("encoded dots stay literal") << "%2e%2e/x"
                                               << "%252e%252e/x";
    QTest::newRow("plus and ampersand") << "a+b&c"
                                        << "a%2Bb%26c";
    QTest::newRow("unicode") << QString::fromUtf8("ü/模") << "%C3%BC/%E6%A8%A1";
    QTest::newRow("slash kept between segments") << "/data/a/b/c"
                                                 << "a/b/c";
    QTest::newRow("no leading or trailing slash") << "//data/a/b/"
                                                  << "a/b";
}

void TestRemotePath::encodedForRoute()
{
    QFETCH(QString, input);
    QFETCH(QString, encoded);
    const auto path = RemotePath::parse(input);
    QVERIFY(path);
    QCOMPARE(path->encodedForRoute(), encoded);
}

void TestRemotePath::encodedForRouteDecodesBack_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("mixed") << QString::fromUtf8("a b/c#d?e/%f/ü模/[x]{y}:z;@!$'()*,=");
    QTest::newRow("plain") << "x/y/z";
}

void TestRemotePath::encodedForRouteDecodesBack()
{
    QFETCH(QString, input);
    const auto path = RemotePath::parse(input);
    QVERIFY(path);
    const QString encoded = path->encodedForRoute();
    // Only unreserved characters, '%' escapes and '/' between segments go on the wire.
    for (const QChar c : encoded) {
        const bool ok = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
            || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            || QStringLiteral("-._~%/").contains(c);
        QVERIFY2(ok, qPrintable(QStringLiteral("unexpected '%1' in %2").arg(c).arg(encoded)));
    }
    QCOMPARE(encoded.count(QLatin1Char('/')), path->relative().count(QLatin1Char('/')));
    QStringList decoded;
    for (const QString &segment : encoded.split(QLatin1Char('/')))
        decoded << QUrl::fromPercentEncoding(segment.toLatin1());
    QCOMPARE(decoded.join(QLatin1Char('/')), path->relative());
}

void TestRemotePath::isValidName_data()
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

void TestRemotePath::isValidName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QString why;
    QCOMPARE(RemotePath::isValidName(name, &why), valid);
    QCOMPARE(why.isEmpty(), valid);
}

void TestRemotePath::equalityOrderingAndHash()
{
    const auto a1 = *RemotePath::parse(QStringLiteral("/data/a/b"));
    const auto a2 = *RemotePath::parse(QStringLiteral("a//b/"));
    const auto c = *RemotePath::parse(QStringLiteral("a/c"));
    QVERIFY(a1 == a2);
    QVERIFY(!(a1 == c));
    QVERIFY(a1 < c);
    QVERIFY(!(c < a1));
    QCOMPARE(qHash(a1), qHash(a2));
    QSet<RemotePath> set {a1, a2, c, RemotePath()};
    QCOMPARE(set.size(), 3);
}

void TestRemotePath::fromRelative()
{
    const RemotePath path = RemotePath::fromRelative(QStringLiteral("models/a.bin"));
    QCOMPARE(path.relative(), QStringLiteral("models/a.bin"));
    QCOMPARE(path.absolute(), QStringLiteral("/data/models/a.bin"));
    QVERIFY(RemotePath::fromRelative(QString()).isRoot());
}

QTEST_GUILESS_MAIN(TestRemotePath)
#include "tst_remotepath.moc"
