// Unit tests for LocalScanner and symbolic links: a dropped folder's links to files outside it are
// left out and counted (unless asked for), links inside are uploaded once as files, links to
// folders never loop, and nothing is dropped without a note.
#include "network/transfer/LocalScanner.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestLocalScanner : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_base;
    QString path(const QString &relative) const { return m_base.filePath(relative); }
    QString canonical(const QString &relative) const
    {
        return QFileInfo(path(relative)).canonicalFilePath();
    }
    void write(const QString &relative, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path(relative)).absolutePath());
        QFile file(path(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    void link(const QString &target, const QString &relative)
    {
        QDir().mkpath(QFileInfo(path(relative)).absolutePath());
        QVERIFY2(QFile::link(target, path(relative)), qPrintable(relative));
    }
    static QMap<QString, QString> entries(const LocalScanner::Result &result)
    {
        QMap<QString, QString> byRelative; // relative path -> local path
        for (const LocalScanner::Entry &entry : result.entries) {
            if (!entry.problem.isEmpty())
                qWarning("problem: %s", qPrintable(entry.problem));
            byRelative.insert(entry.relativePath, entry.localPath);
        }
        return byRelative;
    }
    static QString noteAbout(const LocalScanner::Result &result, const QString &name)
    {
        for (const QString &note : result.notes) {
            if (note.contains(name))
                return note;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_base.isValid());
        write(QStringLiteral("outside/secret.txt"), "secret");
        write(QStringLiteral("outside/dir/x.txt"), "x");
        write(QStringLiteral("ds/a.txt"), "aaa");
        link(QStringLiteral("a.txt"), QStringLiteral("ds/in-link")); // relative, inside
        link(path(QStringLiteral("ds/a.txt")), QStringLiteral("ds/sub/in-abs")); // absolute
        link(QStringLiteral("../outside/secret.txt"), QStringLiteral("ds/out-link"));
        link(QStringLiteral("../outside/dir"), QStringLiteral("ds/dir-link"));
        link(QStringLiteral(".."), QStringLiteral("ds/sub/loop")); // back to ds
        link(QStringLiteral("nowhere.txt"), QStringLiteral("ds/dangling"));
        link(QStringLiteral("ring-b"), QStringLiteral("ds/ring-a")); // a loop of links
        link(QStringLiteral("ring-a"), QStringLiteral("ds/ring-b"));
        link(path(QStringLiteral("ds")), QStringLiteral("ds-alias"));
    }

    void linksOutOfTheFolderAreSkippedAndCounted()
    {
        const LocalScanner::Result result = LocalScanner::scan({path(QStringLiteral("ds"))});
        const auto found = entries(result);
        QCOMPARE(found.keys(), (QStringList {"ds/a.txt", "ds/in-link", "ds/sub/in-abs"}));
        for (const QString &local : found)
            QVERIFY2(!local.contains(QStringLiteral("outside")), qPrintable(local));
        // Links inside are read through the file they point to, the one that was checked.
        QCOMPARE(found.value(QStringLiteral("ds/in-link")), canonical(QStringLiteral("ds/a.txt")));
        QCOMPARE(result.totalBytes, 9);

        QCOMPARE(result.linksOutSkipped, 1);
        const QString skipped = noteAbout(result, QStringLiteral("out-link"));
        QVERIFY2(skipped.startsWith(QStringLiteral("1 link skipped")), qPrintable(skipped));
        QVERIFY2(skipped.contains(canonical(QStringLiteral("outside/secret.txt"))),
                 qPrintable(skipped));
        QVERIFY(noteAbout(result, QStringLiteral("dir-link")).contains(QStringLiteral("folder")));
        QVERIFY(noteAbout(result, QStringLiteral("sub/loop")).contains(QStringLiteral("folder")));
        QVERIFY(noteAbout(result, QStringLiteral("dangling")).contains(QStringLiteral("nowhere")));
        QVERIFY(noteAbout(result, QStringLiteral("ring-a")).contains(QStringLiteral("nowhere")));
        QCOMPARE(result.notes.size(), 6); // the count, two folders, three going nowhere
    }

    // A name fal cannot store is refused with the name escaped: its "\n" would cut the
    // reason in two wherever one line is shown (the transfers dock, the CLI).
    void aHostileNameIsSaidOnOneLine()
    {
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("a\nb.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const LocalScanner::Result result = LocalScanner::scan({dir.path()});
        QCOMPARE(result.entries.size(), 1);
        const QString problem = result.entries.first().problem;
        QVERIFY2(problem.startsWith(QStringLiteral("'a\\x0ab.txt' cannot be stored on fal")),
                 qPrintable(problem));
        QVERIFY(!problem.contains(QLatin1Char('\n')));
    }

    void severalLinksOutAreOneNote()
    {
        QTemporaryDir dir;
        for (const QString &name : {QStringLiteral("k1"), QStringLiteral("k2"),
                                    QStringLiteral("k3"), QStringLiteral("k4")})
            QVERIFY(QFile::link(path(QStringLiteral("outside/secret.txt")), dir.filePath(name)));
        const LocalScanner::Result result = LocalScanner::scan({dir.path()});
        QVERIFY(result.entries.isEmpty());
        QCOMPARE(result.linksOutSkipped, 4);
        QCOMPARE(result.notes.size(), 1);
        QVERIFY2(result.notes.first().startsWith(QStringLiteral("4 links skipped")),
                 qPrintable(result.notes.first()));
        QVERIFY2(result.notes.first().contains(QStringLiteral("and 1 more")),
                 qPrintable(result.notes.first()));
    }

    void followingLinksOutStopsAtLoops()
    {
        LocalScanner::Options options;
        options.followLinksOut = true;
        const LocalScanner::Result result
            = LocalScanner::scan({path(QStringLiteral("ds"))}, options);
        const auto found = entries(result);
        QCOMPARE(found.keys(),
                 (QStringList {"ds/a.txt", "ds/dir-link/x.txt", "ds/in-link", "ds/out-link",
                               "ds/sub/in-abs"}));
        QCOMPARE(found.value(QStringLiteral("ds/out-link")),
                 canonical(QStringLiteral("outside/secret.txt")));
        QCOMPARE(result.linksOutSkipped, 0);
        const QString loop = noteAbout(result, QStringLiteral("sub/loop"));
        QVERIFY2(loop.contains(QStringLiteral("leads back")), qPrintable(loop));
        QVERIFY(noteAbout(result, QStringLiteral("dangling")).contains(QStringLiteral("nowhere")));
    }

    void linkedFoldersPointingAtEachOtherEnd()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("A")));
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("B")));
        QVERIFY(QFile::link(QStringLiteral("../B"), dir.filePath(QStringLiteral("A/to-b"))));
        QVERIFY(QFile::link(QStringLiteral("../A"), dir.filePath(QStringLiteral("B/to-a"))));
        QFile file(dir.filePath(QStringLiteral("A/f.txt")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        LocalScanner::Options options;
        options.followLinksOut = true;
        const LocalScanner::Result result = LocalScanner::scan({dir.path()}, options);
        const QString root = QFileInfo(dir.path()).fileName();
        // Each folder once directly and once through the other's link; then the loop is cut.
        QCOMPARE(entries(result).keys(), (QStringList {root + "/A/f.txt", root + "/B/to-a/f.txt"}));
        QCOMPARE(result.notes.size(), 2);
        for (const QString &note : result.notes)
            QVERIFY2(note.contains(QStringLiteral("leads back")), qPrintable(note));
    }

    // What was dropped or named is the person's choice: a link is followed, wherever it leads.
    void droppedLinksAreFollowed()
    {
        const LocalScanner::Result file = LocalScanner::scan({path(QStringLiteral("ds/out-link"))});
        QCOMPARE(entries(file).keys(), QStringList {QStringLiteral("out-link")});
        QCOMPARE(file.totalBytes, 6);
        QVERIFY(file.notes.isEmpty());

        const LocalScanner::Result folder
            = LocalScanner::scan({path(QStringLiteral("ds/dir-link"))});
        QCOMPARE(entries(folder).keys(), QStringList {QStringLiteral("dir-link/x.txt")});

        // A dropped link to the folder: what is inside is judged against where it leads.
        const LocalScanner::Result alias = LocalScanner::scan({path(QStringLiteral("ds-alias"))});
        QCOMPARE(entries(alias).keys(),
                 (QStringList {"ds-alias/a.txt", "ds-alias/in-link", "ds-alias/sub/in-abs"}));
        QCOMPARE(alias.linksOutSkipped, 1);
    }
};

QTEST_GUILESS_MAIN(TestLocalScanner)
#include "tst_localscanner.moc"
