// Unit tests for RemotePath, what a parsed path offers: its forms and name, parent and child,
// ancestry, the percent-encoded form for API routes, equality, ordering and hashing. How paths
// are parsed and names checked: tst_remotepath_parse.
#include "network/api/RemotePath.h"

#include <QSet>
#include <QTest>
#include <QUrl>

class TestRemotePathAccessors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
    void equalityOrderingAndHash();
};

void TestRemotePathAccessors::rootAccessors()
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

void TestRemotePathAccessors::accessors_data()
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

void TestRemotePathAccessors::accessors()
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

void TestRemotePathAccessors::parentChain()
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

void TestRemotePathAccessors::child()
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

void TestRemotePathAccessors::childRoundTripsThroughParse_data()
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

void TestRemotePathAccessors::childRoundTripsThroughParse()
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

void TestRemotePathAccessors::isAncestorOf_data()
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

void TestRemotePathAccessors::isAncestorOf()
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

void TestRemotePathAccessors::encodedForRoute_data()
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

void TestRemotePathAccessors::encodedForRoute()
{
    QFETCH(QString, input);
    QFETCH(QString, encoded);
    const auto path = RemotePath::parse(input);
    QVERIFY(path);
    QCOMPARE(path->encodedForRoute(), encoded);
}

void TestRemotePathAccessors::encodedForRouteDecodesBack_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("mixed") << QString::fromUtf8("a b/c#d?e/%f/ü模/[x]{y}:z;@!$'()*,=");
    QTest::newRow("plain") << "x/y/z";
}

void TestRemotePathAccessors::encodedForRouteDecodesBack()
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

void TestRemotePathAccessors::equalityOrderingAndHash()
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

QTEST_GUILESS_MAIN(TestRemotePathAccessors)
#include "tst_remotepath_accessors.moc"
