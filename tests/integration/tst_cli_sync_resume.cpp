// fal-files-cli sync at scale and after interruptions: one changed file in a 1,000-file tree is
// the only file sent; a sync killed with SIGKILL, stopped with Ctrl-C or by an outage longer than
// --retry-for goes on where it stopped when run again, and no part or file the server had already
// taken is sent again.
#include "tests/integration/SyncFixture.h"

#include <QTest>

#include <csignal>

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QString treeFile(int i)
{
    return QStringLiteral("d%1/f%2.txt").arg(i % 10).arg(i, 4, 10, QLatin1Char('0'));
}

} // namespace

class TestCliSyncResume : public QObject
{
    Q_OBJECT

private:
    // `files` small files in ten folders, and one multipart file.
    static void makeTree(SyncFixture &s, int files, qint64 bigSize)
    {
        for (int i = 0; i < files; ++i)
            QVERIFY(SyncFixture::write(s.local(treeFile(i)),
                                       QByteArray(1000 + i % 3000, char('a' + i % 26))));
        if (bigSize > 0)
            QVERIFY(
                ClientFixture::writeRandomFile(s.local(QStringLiteral("big.bin")), bigSize, 11));
    }
    // A sync slowed down enough to be caught in its middle (one part at a time, 40 ms more per
    // request), started with `options` before the command and waited for until `parts` parts
    // are stored.
    static bool startSlowSync(SyncFixture &s, const QStringList &options, int parts,
                              std::unique_ptr<QProcess> *process)
    {
        s.cli.environment().insert(QStringLiteral("FAL_FILES_PARTS_IN_FLIGHT"),
                                   QStringLiteral("1"));
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 40;
        s.f.server().setFaults(slow);
        process->reset(s.cli.start(
            options + QStringList {QStringLiteral("sync"), s.local(), QStringLiteral("/data/up")}));
        return QTest::qWaitFor(
            [&] { return ClientFixture::acceptedParts(s.f.server().requestLog()).size() >= parts; },
            60'000);
    }
    static void checkSame(SyncFixture &s, int files)
    {
        for (int i = 0; i < files; ++i)
            QVERIFY2(SyncFixture::read(s.local(treeFile(i)))
                         == SyncFixture::read(s.f.data(QStringLiteral("up/") + treeFile(i))),
                     qPrintable(treeFile(i)));
    }
    // Files the server holds, complete and right, now.
    static QStringList storedFiles(SyncFixture &s, int files)
    {
        QStringList stored;
        for (int i = 0; i < files; ++i) {
            if (SyncFixture::read(s.f.data(QStringLiteral("up/") + treeFile(i)))
                == SyncFixture::read(s.local(treeFile(i))))
                stored << treeFile(i);
        }
        return stored;
    }
    static void checkEveryPartOnce(SyncFixture &s,
                                   const QList<fal::emulator::RequestLogEntry> &earlier = {})
    {
        const QMap<int, int> accepted
            = ClientFixture::acceptedParts(earlier + s.f.server().requestLog());
        for (auto it = accepted.cbegin(); it != accepted.cend(); ++it)
            QVERIFY2(
                it.value() == 1,
                qPrintable(
                    QStringLiteral("part %1 accepted %2 times").arg(it.key()).arg(it.value())));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(!CliRunner::program().isEmpty(), "FAL_FILES_CLI is set"); }

    void oneChangedFileInAThousandIsAllThatTravels()
    {
        SyncFixture s;
        QVERIFY(s.f.started());
        makeTree(s, 1000, 0);
        int code = -1;
        const QJsonObject first = s.syncJson({s.local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(SyncFixture::total(first, "add"), 1000);
        checkSame(s, 1000);

        // The same size, other bytes: only a hash can tell.
        const QString changed = treeFile(421);
        QByteArray bytes = SyncFixture::read(s.local(changed));
        bytes[0] = 'Z';
        QVERIFY(SyncFixture::write(s.local(changed), bytes));
        s.f.server().clearRequestLog();
        const QJsonObject second = s.syncJson({s.local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        QCOMPARE(SyncFixture::planned(second), QStringList {QStringLiteral("replace ") + changed});
        QCOMPARE(SyncFixture::total(second, "unchanged"), 999);
        QCOMPARE(SyncFixture::total(second, "hashed_locally"), 1);
        QCOMPARE(SyncFixture::total(second, "remote_checksums"), 1);
        QCOMPARE(s.mutations(),
                 QStringList({QStringLiteral("POST /files/file/local/up/") + changed,
                              QStringLiteral("POST /files/file/local/up/.fal_hash")}));
        QCOMPARE(SyncFixture::read(s.f.data(QStringLiteral("up/") + changed)), bytes);
    }

    void killedSyncGoesOnWhereItStopped()
    {
        SyncFixture s;
        QVERIFY(s.f.started());
        constexpr int kFiles = 300;
        makeTree(s, kFiles, 40 * kMiB);
        std::unique_ptr<QProcess> first;
        QVERIFY(startSlowSync(s, {}, 2, &first));
        ::kill(pid_t(first->processId()), SIGKILL);
        first->waitForFinished(5000);
        QCOMPARE(first->exitStatus(), QProcess::CrashExit);
        const QStringList storedBefore = storedFiles(s, kFiles);
        QVERIFY(!QFile::exists(s.f.data(QStringLiteral("up/big.bin")))); // still in parts

        s.f.server().setFaults({});
        int code = -1;
        const QJsonObject second = s.syncJson({s.local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        checkSame(s, kFiles);
        QCOMPARE(ClientFixture::sha256(s.f.data(QStringLiteral("up/big.bin"))),
                 ClientFixture::sha256(s.local(QStringLiteral("big.bin"))));
        checkEveryPartOnce(s);
        // Nothing the server had complete before the kill is planned (or sent) again.
        const QStringList planned = SyncFixture::planned(second);
        for (const QString &path : storedBefore)
            QVERIFY2(!planned.contains(QStringLiteral("upload ") + path), qPrintable(path));
        QVERIFY(planned.contains(QStringLiteral("upload big.bin")));
        qInfo("at the kill %lld of %d small files were on the server; the second run planned: %s",
              qint64(storedBefore.size()), kFiles, qPrintable(planned.join(u", ")));
    }

    void outageStopsTheSyncAndTheNextRunResumes()
    {
        SyncFixture s;
        QVERIFY(s.f.started());
        makeTree(s, 50, 30 * kMiB);
        std::unique_ptr<QProcess> first;
        QVERIFY(startSlowSync(s, {QStringLiteral("--retry-for"), QStringLiteral("2s")}, 1, &first));
        s.f.takeDown(); // and it stays down longer than --retry-for
        QVERIFY(first->waitForFinished(60'000));
        QCOMPARE(first->exitCode(), 6);
        const auto beforeOutage = s.f.server().requestLog();
        QVERIFY(s.f.bringBack());
        s.f.server().setFaults({});

        int code = -1;
        s.syncJson({s.local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        checkSame(s, 50);
        QCOMPARE(ClientFixture::sha256(s.f.data(QStringLiteral("up/big.bin"))),
                 ClientFixture::sha256(s.local(QStringLiteral("big.bin"))));
        checkEveryPartOnce(s, beforeOutage);
    }

    // Started while the service is down, a sync waits it out (up to --retry-for) and says so,
    // as upload does, instead of giving up after a request's own few retries.
    void aSyncStartedDuringAnOutageWaitsItOut()
    {
        SyncFixture s;
        QVERIFY(s.f.started());
        makeTree(s, 5, 0);
        s.f.takeDown();
        std::unique_ptr<QProcess> sync(
            s.cli.start({QStringLiteral("--retry-for"), QStringLiteral("120s"),
                         QStringLiteral("sync"), s.local(), QStringLiteral("/data/up")}));
        QByteArray said;
        QVERIFY(QTest::qWaitFor(
            [&] {
                said += sync->readAllStandardError();
                return said.contains("waiting for the service");
            },
            60'000));
        QVERIFY(s.f.bringBack());
        QVERIFY(sync->waitForFinished(60'000));
        QCOMPARE(sync->exitCode(), 0);
        checkSame(s, 5);
    }

    void interruptedSyncExits130AndResumes()
    {
        SyncFixture s;
        QVERIFY(s.f.started());
        makeTree(s, 50, 30 * kMiB);
        std::unique_ptr<QProcess> first;
        QVERIFY(startSlowSync(s, {}, 1, &first));
        ::kill(pid_t(first->processId()), SIGINT);
        QVERIFY(first->waitForFinished(30'000));
        QCOMPARE(first->exitCode(), 130);
        QVERIFY(QString::fromUtf8(first->readAllStandardError()).contains(u"interrupted"));

        s.f.server().setFaults({});
        int code = -1;
        s.syncJson({s.local(), QStringLiteral("/data/up")}, &code);
        QCOMPARE(code, 0);
        checkSame(s, 50);
        QCOMPARE(ClientFixture::sha256(s.f.data(QStringLiteral("up/big.bin"))),
                 ClientFixture::sha256(s.local(QStringLiteral("big.bin"))));
        checkEveryPartOnce(s);
    }
};

QTEST_GUILESS_MAIN(TestCliSyncResume)
#include "tst_cli_sync_resume.moc"
