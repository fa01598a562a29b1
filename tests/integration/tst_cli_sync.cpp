// fal-files-cli sync end to end against the in-process emulator: both directions, --dry-run
// (the request log shows nothing changed), --delete, ignore files and --exclude, a second run that
// sends and hashes nothing, and the .fal_hash that fal's own sync_dir checks.
#include "network/api/DirHashJob.h"
#include "tests/integration/SyncFixture.h"

#include <QTest>

#include <sys/stat.h>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
}

class TestCliSync : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<SyncFixture> s;

    // A small tree: files at the top and below, a multipart-sized one, an empty file.
    void makeTree()
    {
        QVERIFY(s->write(s->local(QStringLiteral("a.txt")), "alpha"));
        QVERIFY(s->write(s->local(QStringLiteral("empty")), QByteArray()));
        QVERIFY(s->write(s->local(QStringLiteral("sub/b.txt")), "bravo"));
        QVERIFY(s->write(s->local(QStringLiteral("sub/deeper/c.txt")), "charlie"));
        QVERIFY(
            ClientFixture::writeRandomFile(s->local(QStringLiteral("sub/big.bin")), 12 * kMiB, 7));
    }
    void compareTrees(const QString &localRoot, const QString &remoteRelative,
                      const QStringList &paths)
    {
        for (const QString &path : paths)
            QVERIFY2(SyncFixture::read(localRoot + u'/' + path)
                         == SyncFixture::read(s->f.data(remoteRelative + u'/' + path)),
                     qPrintable(path));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(!CliRunner::program().isEmpty(), "FAL_FILES_CLI is set"); }
    void init()
    {
        s = std::make_unique<SyncFixture>();
        QVERIFY(s->f.started());
    }
    void cleanup() { s.reset(); }

    void uploadThenUnchangedRunSendsAndHashesNothing()
    {
        makeTree();
        int code = -1;
        const QJsonObject first = s->syncJson({s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(SyncFixture::total(first, "add"), 5);
        compareTrees(s->local(), QStringLiteral("up"),
                     {"a.txt", "empty", "sub/b.txt", "sub/deeper/c.txt", "sub/big.bin"});

        s->f.server().clearRequestLog();
        const QJsonObject second = s->syncJson({s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        QVERIFY(SyncFixture::planned(second).isEmpty());
        QCOMPARE(SyncFixture::total(second, "unchanged"), 5);
        QCOMPARE(SyncFixture::total(second, "hashed_locally"), 0);
        QCOMPARE(SyncFixture::total(second, "remote_checksums"), 0);
        const QJsonObject result = second.value(QStringLiteral("result")).toObject();
        QCOMPARE(result.value(QStringLiteral("folder_hash_files_read")).toInt(), 0);
        QCOMPARE(result.value(QStringLiteral("transferred")).toInt(), 0);
        QCOMPARE(s->mutations(), QStringList());
        QCOMPARE(s->requestsMatching(QStringLiteral("POST"), QStringLiteral("calculate_checksum")),
                 0);
    }

    // A file changed on the server after it was uploaded, to the same size, is seen by the
    // next sync without --checksum: the run read the server's time of what it uploaded.
    void aSameSizeChangeOnTheServerAfterAnUploadIsSeen()
    {
        makeTree();
        int code = -1;
        s->syncJson({s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        const QString stored = s->f.data(QStringLiteral("up/sub/b.txt"));
        QVERIFY(s->write(stored, "BRAVO")); // "bravo", the same size
        QFile file(stored);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(60),
                                 QFileDevice::FileModificationTime));
        file.close();

        const QJsonObject json = s->syncJson({s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(SyncFixture::planned(json), QStringList {QStringLiteral("replace sub/b.txt")});
        QFile back(stored);
        QVERIFY(back.open(QIODevice::ReadOnly));
        QCOMPARE(back.readAll(), QByteArray("bravo"));
    }

    // A file on one side where the other has a folder: both are left alone, with everything
    // below the folder (no upload into a file, no delete of what the folder holds).
    void aFileAgainstAFolderIsLeftAloneWithWhatItHolds()
    {
        QVERIFY(s->write(s->f.data(QStringLiteral("up/x/in.txt")), "kept"));
        QVERIFY(s->write(s->f.data(QStringLiteral("up/y")), "file"));
        QVERIFY(s->write(s->local(QStringLiteral("x")), "file"));
        QVERIFY(s->write(s->local(QStringLiteral("y/in")), "folder"));
        QVERIFY(s->write(s->local(QStringLiteral("z.txt")), "new"));
        // The dry run's total says so too: it must not look clean when the run will not be.
        const auto dry = s->cli.run({QStringLiteral("sync"), QStringLiteral("--dry-run"),
                                     s->local(), QStringLiteral("/data/up")});
        QVERIFY2(dry.out.contains(u"; 2 items cannot be synced"), qPrintable(dry.out));
        int code = -1;
        const QJsonObject json = s->syncJson(
            {QStringLiteral("--delete"), s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(SyncFixture::planned(json), QStringList {QStringLiteral("upload z.txt")});
        QCOMPARE(code, 1); // said, and not in sync
        QVERIFY(QFile::exists(s->f.data(QStringLiteral("up/x/in.txt"))));
        QVERIFY(QFile::exists(s->f.data(QStringLiteral("up/z.txt"))));
    }

    void dryRunPrintsThePlanAndChangesNothing()
    {
        makeTree();
        QCOMPARE(
            s->cli.run({QStringLiteral("sync"), s->local(), QStringLiteral("/data/up")}).exitCode,
            0);
        QVERIFY(s->write(s->local(QStringLiteral("a.txt")), "ALPHA+")); // replaced
        QVERIFY(s->write(s->local(QStringLiteral("new.txt")), "new")); // added
        QVERIFY(QFile::remove(s->local(QStringLiteral("sub/b.txt")))); // deleted
        s->f.server().clearRequestLog();

        const auto dry
            = s->cli.run({QStringLiteral("sync"), QStringLiteral("--dry-run"),
                          QStringLiteral("--delete"), s->local(), QStringLiteral("/data/up")});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(dry.out.contains(QRegularExpression(QStringLiteral("^~ replace +6 B  a\\.txt$"),
                                                     QRegularExpression::MultilineOption)),
                 qPrintable(dry.out));
        QVERIFY(dry.out.contains(QRegularExpression(QStringLiteral("^\\+ upload +3 B  new\\.txt$"),
                                                    QRegularExpression::MultilineOption)));
        QVERIFY(dry.out.contains(QRegularExpression(QStringLiteral("^- delete +5 B  sub/b\\.txt$"),
                                                    QRegularExpression::MultilineOption)));
        QVERIFY2(dry.out.contains(QStringLiteral("total: 1 file to upload (3 B), 1 file to "
                                                 "replace (6 B), 1 file to delete (5 B)")),
                 qPrintable(dry.out));
        QCOMPARE(s->mutations(), QStringList()); // the request log: nothing changed
        QCOMPARE(SyncFixture::read(s->f.data(QStringLiteral("up/a.txt"))), QByteArray("alpha"));
        QVERIFY(QFile::exists(s->f.data(QStringLiteral("up/sub/b.txt"))));
        QVERIFY(!QFile::exists(s->f.data(QStringLiteral("up/new.txt"))));

        const QJsonObject json
            = s->syncJson({QStringLiteral("--dry-run"), QStringLiteral("--delete"), s->local(),
                           QStringLiteral("/data/up")});
        QCOMPARE(json.value(QStringLiteral("dry_run")).toBool(), true);
        QCOMPARE(SyncFixture::planned(json),
                 QStringList({"replace a.txt", "upload new.txt", "delete sub/b.txt"}));
        QCOMPARE(s->mutations(), QStringList());
    }

    void deleteOnlyWhenAskedAndNeverWhatIsExcluded()
    {
        QVERIFY(s->write(s->local(QStringLiteral("keep.txt")), "keep"));
        QVERIFY(s->write(s->local(QStringLiteral(".gitignore")), "*.tmp\n"));
        QVERIFY(s->write(s->f.data(QStringLiteral("up/extra.txt")), "extra"));
        QVERIFY(s->write(s->f.data(QStringLiteral("up/old/x.txt")), "x"));
        QVERIFY(s->write(s->f.data(QStringLiteral("up/old/y.txt")), "y"));
        QVERIFY(s->write(s->f.data(QStringLiteral("up/cache/scratch.tmp")), "excluded"));
        QVERIFY(s->write(s->f.data(QStringLiteral("up/cache/stale.txt")), "stale"));

        int code = -1;
        s->syncJson({s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        QVERIFY(QFile::exists(s->f.data(QStringLiteral("up/extra.txt")))); // no --delete
        QCOMPARE(s->requestsMatching(QStringLiteral("DELETE"), QStringLiteral("/")), 0);

        // A folder deleted whole counts as a folder, not as a file.
        const auto dry
            = s->cli.run({QStringLiteral("sync"), QStringLiteral("--dry-run"),
                          QStringLiteral("--delete"), s->local(), QStringLiteral("/data/up")});
        QVERIFY2(dry.out.contains(u"total: 3 items to delete (12 B)"), qPrintable(dry.out));

        const QJsonObject json = s->syncJson(
            {QStringLiteral("--delete"), s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        // A folder the source lacks goes in one request; one holding an excluded file does not.
        QCOMPARE(SyncFixture::planned(json),
                 QStringList({"delete cache/stale.txt", "delete extra.txt", "delete old"}));
        QVERIFY(!QFile::exists(s->f.data(QStringLiteral("up/extra.txt"))));
        QVERIFY(!QFileInfo::exists(s->f.data(QStringLiteral("up/old"))));
        QVERIFY(!QFile::exists(s->f.data(QStringLiteral("up/cache/stale.txt"))));
        QCOMPARE(SyncFixture::read(s->f.data(QStringLiteral("up/cache/scratch.tmp"))),
                 QByteArray("excluded"));
        QCOMPARE(SyncFixture::read(s->f.data(QStringLiteral("up/keep.txt"))), QByteArray("keep"));
    }

    void ignoreFilesAndExcludes()
    {
        QVERIFY(s->write(s->local(QStringLiteral(".gitignore")), "build/\n*.log\n!keep.log\n"));
        QVERIFY(s->write(s->local(QStringLiteral(".falignore")), "/secret.txt\n"));
        QVERIFY(s->write(s->local(QStringLiteral("build/out.o")), "o"));
        QVERIFY(s->write(s->local(QStringLiteral("x.log")), "log"));
        QVERIFY(s->write(s->local(QStringLiteral("keep.log")), "kept"));
        QVERIFY(s->write(s->local(QStringLiteral("secret.txt")), "secret"));
        QVERIFY(s->write(s->local(QStringLiteral("sub/secret.txt")), "not anchored here"));
        QVERIFY(s->write(s->local(QStringLiteral("data/model.bin")), "model"));
        QVERIFY(s->write(s->local(QStringLiteral("data/notes.md")), "notes"));

        int code = -1;
        const QJsonObject json = s->syncJson({QStringLiteral("--exclude"), QStringLiteral("*.md"),
                                              s->local(), QStringLiteral("/data/up")},
                                             &code);
        QCOMPARE(code, 0);
        QCOMPARE(SyncFixture::planned(json),
                 QStringList({"upload .falignore", "upload .gitignore", "upload data/model.bin",
                              "upload keep.log", "upload sub/secret.txt"}));
        QVERIFY(!QFileInfo::exists(s->f.data(QStringLiteral("up/build"))));
        QVERIFY(!QFile::exists(s->f.data(QStringLiteral("up/secret.txt"))));
    }

    void downloadDirectionAndUnchangedRerun()
    {
        QVERIFY(s->write(s->f.data(QStringLiteral("models/a.txt")), "alpha"));
        QVERIFY(s->write(s->f.data(QStringLiteral("models/sub/b.txt")), "bravo"));
        QVERIFY(ClientFixture::writeRandomFile(s->f.data(QStringLiteral("models/sub/big.bin")),
                                               11 * kMiB, 3));
        int code = -1;
        s->syncJson({QStringLiteral("/data/models"), s->local()}, &code);
        QCOMPARE(code, 0);
        compareTrees(s->local(), QStringLiteral("models"), {"a.txt", "sub/b.txt", "sub/big.bin"});
        // The local copy takes the server's time, as rclone's does.
        QCOMPARE(QFileInfo(s->local(QStringLiteral("a.txt"))).lastModified().toMSecsSinceEpoch(),
                 QFileInfo(s->f.data(QStringLiteral("models/a.txt")))
                     .lastModified()
                     .toMSecsSinceEpoch());

        s->f.server().clearRequestLog();
        const QJsonObject again = s->syncJson({QStringLiteral("/data/models"), s->local()}, &code);
        QCOMPARE(code, 0);
        QVERIFY(SyncFixture::planned(again).isEmpty());
        QCOMPARE(SyncFixture::total(again, "hashed_locally"), 0);
        QCOMPARE(SyncFixture::total(again, "remote_checksums"), 0);
        QCOMPARE(s->requestsMatching(QStringLiteral("GET"), QStringLiteral("/files/file/")), 0);

        // Same size, new content on the server: found by its checksum, only that file travels.
        QVERIFY(s->write(s->f.data(QStringLiteral("models/a.txt")), "ALPHA"));
        QVERIFY(s->write(s->local(QStringLiteral("local-only.txt")), "mine"));
        const QJsonObject changed = s->syncJson(
            {QStringLiteral("--delete"), QStringLiteral("/data/models"), s->local()}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(SyncFixture::planned(changed),
                 QStringList({"replace a.txt", "delete local-only.txt"}));
        QCOMPARE(SyncFixture::read(s->local(QStringLiteral("a.txt"))), QByteArray("ALPHA"));
        QVERIFY(!QFile::exists(s->local(QStringLiteral("local-only.txt"))));
        QCOMPARE(s->requestsMatching(QStringLiteral("GET"), QStringLiteral("/files/file/")), 1);
        QCOMPARE(s->mutations(), QStringList());
    }

    void falHashAnswersSyncDirsQuestion()
    {
        makeTree();
        QVERIFY(s->write(s->local(QStringLiteral(".gitignore")), "*.tmp\n"));
        QVERIFY(s->write(s->local(QStringLiteral("scratch.tmp")), "sync_dir hashes this too"));
        for (int i = 0; i < 20; ++i) // enough names that the file system's order is its own
            QVERIFY(s->write(s->local(QStringLiteral("n/%1.txt").arg(i * 7919 % 1000)),
                             QByteArray::number(i)));
        int code = -1;
        const QJsonObject json = s->syncJson({s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        const QByteArray falHash = SyncFixture::falSyncDirHash(s->local());
        QCOMPARE(json.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("fal_hash"))
                     .toString()
                     .toLatin1(),
                 falHash);
        QCOMPARE(SyncFixture::read(s->f.data(QStringLiteral("up/.fal_hash"))), falHash);
        // What sync_dir asks before it zips anything: POST /files/dir/check_hash -> true.
        DirHashJob check(s->f.client(), *RemotePath::parse(QStringLiteral("/data/up")),
                         QString::fromLatin1(falHash));
        QVERIFY(ClientFixture::run(&check));
        QVERIFY(check.matches());
        // A changed byte changes the answer, until the next sync.
        QVERIFY(s->write(s->local(QStringLiteral("a.txt")), "alphA"));
        DirHashJob stale(s->f.client(), *RemotePath::parse(QStringLiteral("/data/up")),
                         QString::fromLatin1(SyncFixture::falSyncDirHash(s->local())));
        QVERIFY(ClientFixture::run(&stale));
        QVERIFY(!stale.matches());
        s->syncJson({s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        DirHashJob fresh(s->f.client(), *RemotePath::parse(QStringLiteral("/data/up")),
                         QString::fromLatin1(SyncFixture::falSyncDirHash(s->local())));
        QVERIFY(ClientFixture::run(&fresh));
        QVERIFY(fresh.matches());
    }

    void checksumHashesBothSides()
    {
        makeTree();
        int code = -1;
        s->syncJson({s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        s->f.server().clearRequestLog();
        const QJsonObject json = s->syncJson(
            {QStringLiteral("--checksum"), s->local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        QVERIFY(SyncFixture::planned(json).isEmpty());
        QCOMPARE(SyncFixture::total(json, "hashed_locally"), 5);
        QCOMPARE(SyncFixture::total(json, "remote_checksums"), 5);
        QCOMPARE(s->requestsMatching(QStringLiteral("POST"), QStringLiteral("calculate_checksum")),
                 5);
        QCOMPARE(s->mutations(), QStringList());
    }

    void linksAreNotFollowedOutAndOddNamesAreSaid()
    {
        QVERIFY(s->write(s->local(QStringLiteral("real.txt")), "real"));
        QVERIFY(s->write(s->f.scratch(QStringLiteral("outside/secret.txt")), "secret"));
        QVERIFY(QFile::link(s->local(QStringLiteral("real.txt")),
                            s->local(QStringLiteral("inside-link.txt"))));
        QVERIFY(QFile::link(s->f.scratch(QStringLiteral("outside/secret.txt")),
                            s->local(QStringLiteral("outside-link.txt"))));
        QVERIFY(QFile::link(s->f.scratch(QStringLiteral("outside")),
                            s->local(QStringLiteral("folder-link"))));
        QVERIFY(s->write(s->local(QStringLiteral("back\\slash.txt")), "fal cannot store this"));
        // A FIFO would hang whoever reads it (sync_dir too): left out of the sync and the hash.
        QCOMPARE(::mkfifo(QFile::encodeName(s->local(QStringLiteral("pipe"))).constData(), 0600),
                 0);

        const auto result = s->cli.run({QStringLiteral("sync"), QStringLiteral("--json"),
                                        s->local(), QStringLiteral("/data/up")});
        QCOMPARE(result.exitCode, 1); // one file could not be synced: not a success
        QVERIFY2(result.err.contains(u"back\\slash.txt: the name cannot be stored"),
                 qPrintable(result.err));
        QVERIFY(result.err.contains(u"1 link leading out of the folder"));
        QVERIFY(result.err.contains(u"folder-link: a link to a folder is not followed"));
        QVERIFY(result.err.contains(u"pipe: not a regular file"));
        const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(SyncFixture::planned(json),
                 QStringList({"upload inside-link.txt", "upload real.txt"}));
        QCOMPARE(SyncFixture::read(s->f.data(QStringLiteral("up/inside-link.txt"))),
                 QByteArray("real"));
        QVERIFY(!QFile::exists(s->f.data(QStringLiteral("up/outside-link.txt"))));
        QVERIFY(!QFileInfo::exists(s->f.data(QStringLiteral("up/folder-link"))));
    }

    void usageErrors()
    {
        QCOMPARE(s->cli.run({QStringLiteral("sync"), s->local(), s->f.scratch(QStringLiteral("b"))})
                     .exitCode,
                 2);
        QCOMPARE(
            s->cli
                .run({QStringLiteral("sync"), QStringLiteral("/data/a"), QStringLiteral("/data/b")})
                .exitCode,
            2);
        QCOMPARE(s->cli
                     .run({QStringLiteral("sync"), s->f.scratch(QStringLiteral("missing")),
                           QStringLiteral("/data/b")})
                     .exitCode,
                 4);
        QCOMPARE(s->cli.run({QStringLiteral("sync"), QStringLiteral("/data/missing"), s->local()})
                     .exitCode,
                 4);
    }
};

QTEST_GUILESS_MAIN(TestCliSync)
#include "tst_cli_sync.moc"
