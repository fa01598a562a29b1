// IgnoreRules against gitignore(5)'s documented semantics (gitwildmatch, as git and fal's
// sync_dir through pathspec read a .gitignore): anchoring, folders only, negation, the three
// kinds of `**`, sets, escapes, comments and trailing spaces.
#include "network/sync/IgnoreRules.h"

#include <QTest>

class TestIgnoreRules : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patterns_data()
    {
        QTest::addColumn<QString>("lines");
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("isDir");
        QTest::addColumn<bool>("ignored");

        // A name without a slash matches at any depth, files and folders alike.
        QTest::newRow("name at top") << "foo"
                                     << "foo" << false << true;
        QTest::newRow("name deep") << "foo"
                                   << "a/b/foo" << false << true;
        QTest::newRow("name is a folder") << "foo"
                                          << "a/foo" << true << true;
        QTest::newRow("name is whole") << "foo"
                                       << "foobar" << false << false;
        QTest::newRow("name inside ignored folder") << "foo"
                                                    << "foo/x" << false << true;
        // A leading or middle slash anchors at the top.
        QTest::newRow("anchored top") << "/foo"
                                      << "foo" << false << true;
        QTest::newRow("anchored not deep") << "/foo"
                                           << "a/foo" << false << false;
        QTest::newRow("middle slash anchors") << "doc/frotz"
                                              << "doc/frotz" << false << true;
        QTest::newRow("middle slash not deep") << "doc/frotz"
                                               << "a/doc/frotz" << false << false;
        QTest::newRow("star stops at slash") << "doc/*.html"
                                             << "doc/x/y.html" << false << false;
        QTest::newRow("star in anchored") << "doc/*.html"
                                          << "doc/y.html" << false << true;
        // A trailing slash: folders only (and what is inside them).
        QTest::newRow("dir only: folder") << "build/"
                                          << "build" << true << true;
        QTest::newRow("dir only: deep folder") << "build/"
                                               << "a/build" << true << true;
        QTest::newRow("dir only: not a file") << "build/"
                                              << "build" << false << false;
        QTest::newRow("dir only: inside") << "build/"
                                          << "build/x.o" << false << true;
        QTest::newRow("dir only anchored by middle") << "doc/frotz/"
                                                     << "a/doc/frotz" << true << false;
        // Wildcards.
        QTest::newRow("star suffix") << "*.log"
                                     << "a/b/x.log" << false << true;
        QTest::newRow("star suffix not inner") << "*.log"
                                               << "x.log.txt" << false << false;
        QTest::newRow("lone star") << "*"
                                   << "a/b" << false << true;
        QTest::newRow("question mark") << "a?c"
                                       << "abc" << false << true;
        QTest::newRow("question not slash") << "x/a?c"
                                            << "x/a/c" << false << false;
        QTest::newRow("question one char") << "a?c"
                                           << "abbc" << false << false;
        QTest::newRow("set") << "[abc].txt"
                             << "b.txt" << false << true;
        QTest::newRow("set miss") << "[abc].txt"
                                  << "d.txt" << false << false;
        QTest::newRow("set range") << "[a-c]x"
                                   << "bx" << false << true;
        QTest::newRow("negated set !") << "[!abc].txt"
                                       << "d.txt" << false << true;
        QTest::newRow("negated set ! miss") << "[!abc].txt"
                                            << "a.txt" << false << false;
        QTest::newRow("negated set ^") << "[^a]"
                                       << "b" << false << true;
        QTest::newRow("negated set not slash") << "x[!a]y"
                                               << "x/y" << false << false;
        QTest::newRow("unclosed bracket is literal") << "[abc"
                                                     << "[abc" << false << true;
        // Double asterisks.
        QTest::newRow("leading ** top") << "**/foo"
                                        << "foo" << false << true;
        QTest::newRow("leading ** deep") << "**/foo"
                                         << "a/b/foo" << false << true;
        QTest::newRow("leading ** two parts") << "**/foo/bar"
                                              << "x/foo/bar" << false << true;
        QTest::newRow("trailing ** inside") << "abc/**"
                                            << "abc/x/y" << false << true;
        QTest::newRow("trailing ** not itself") << "abc/**"
                                                << "abc" << true << false;
        QTest::newRow("trailing ** anchored") << "abc/**"
                                              << "z/abc/x" << false << false;
        QTest::newRow("middle ** zero") << "a/**/b"
                                        << "a/b" << false << true;
        QTest::newRow("middle ** one") << "a/**/b"
                                       << "a/x/b" << false << true;
        QTest::newRow("middle ** many") << "a/**/b"
                                        << "a/x/y/b" << false << true;
        QTest::newRow("other ** is a star") << "foo**bar"
                                            << "fooxbar" << false << true;
        QTest::newRow("other ** stops at slash") << "foo**bar"
                                                 << "foo/bar" << false << false;
        // Negation: the last match decides...
        QTest::newRow("negation re-includes") << "*.log\n!keep.log"
                                              << "keep.log" << false << false;
        QTest::newRow("negation others stay") << "*.log\n!keep.log"
                                              << "x.log" << false << true;
        QTest::newRow("order matters") << "!keep.log\n*.log"
                                       << "keep.log" << false << true;
        // ...but nothing inside an excluded folder comes back.
        QTest::newRow("no re-include under excluded folder") << "build/\n!build/keep.txt"
                                                             << "build/keep.txt" << false << true;
        QTest::newRow("re-include with folder contents pattern")
            << "build/*\n!build/keep.txt"
            << "build/keep.txt" << false << false;
        // Comments, escapes, blanks, spaces.
        QTest::newRow("comment") << "#foo"
                                 << "#foo" << false << false;
        QTest::newRow("escaped hash") << "\\#foo"
                                      << "#foo" << false << true;
        QTest::newRow("escaped bang") << "\\!important"
                                      << "!important" << false << true;
        QTest::newRow("escaped star") << "\\*"
                                      << "*" << false << true;
        QTest::newRow("escaped star literal") << "\\*"
                                              << "a" << false << false;
        QTest::newRow("trailing spaces dropped") << "foo   "
                                                 << "foo" << false << true;
        QTest::newRow("escaped trailing space") << "foo\\ "
                                                << "foo " << false << true;
        QTest::newRow("escaped space not bare") << "foo\\ "
                                                << "foo" << false << false;
        QTest::newRow("CRLF line") << "foo\r\nbar"
                                   << "foo" << false << true;
        QTest::newRow("blank lines") << "\n\n   \n"
                                     << "x" << false << false;
        QTest::newRow("dots are literal") << "a.b"
                                          << "axb" << false << false;
        QTest::newRow("regex characters are literal") << "a+(b)"
                                                      << "a+(b)" << false << true;
        QTest::newRow("case sensitive") << "*.LOG"
                                        << "x.log" << false << false;
    }
    void patterns()
    {
        QFETCH(QString, lines);
        QFETCH(QString, path);
        QFETCH(bool, isDir);
        QFETCH(bool, ignored);
        IgnoreRules rules;
        rules.addLines(lines);
        QCOMPARE(rules.isIgnored(path, isDir), ignored);
    }

    void linesThatSayNothingAddNoPattern()
    {
        IgnoreRules rules;
        QVERIFY(!rules.addPattern(QString()));
        QVERIFY(!rules.addPattern(QStringLiteral("# a comment")));
        QVERIFY(!rules.addPattern(QStringLiteral("   ")));
        QVERIFY(!rules.addPattern(QStringLiteral("/")));
        QVERIFY(!rules.addPattern(QStringLiteral("!")));
        QVERIFY(!rules.addPattern(QStringLiteral("foo\\"))); // a trailing backslash never matches
        QVERIFY(rules.isEmpty());
        QVERIFY(rules.addPattern(QStringLiteral("*.o")));
        QCOMPARE(rules.size(), 1);
    }

    void matchesLooksAtThePathOnly()
    {
        // A walk that does not enter excluded folders asks about each entry alone.
        IgnoreRules rules;
        rules.addLines(QStringLiteral("build/\n"));
        QVERIFY(rules.matches(QStringLiteral("build"), true));
        QVERIFY(!rules.matches(QStringLiteral("build/x.o"), false));
        QVERIFY(rules.isIgnored(QStringLiteral("build/x.o"), false));
    }

    void missingFileAddsNothing()
    {
        IgnoreRules rules;
        QString error;
        QVERIFY(rules.addFile(QStringLiteral("/nonexistent/.gitignore"), &error));
        QVERIFY(error.isEmpty());
        QVERIFY(rules.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestIgnoreRules)
#include "tst_ignorerules.moc"
