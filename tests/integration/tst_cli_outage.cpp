// fal-files-cli when the service fails or goes away, and when the local disk fills up:
// --retry-for ends a wait with exit code 6 and the service's own reason, a 12 s outage in the
// middle of an upload or a download is waited out without a rerun, and a full disk ends a
// download with exit code 7, nothing at the target, and a rerun that completes.
#include "tests/support/CliRunner.h"
#include "tests/support/ClientFixture.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
const QString kDiskFull = QStringLiteral("No space left on device");

qint64 bytesUnder(const QString &folder)
{
    qint64 total = 0;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}
} // namespace

class TestCliOutage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<CliRunner> cli;

    void failWith500()
    {
        fal::emulator::FaultOptions faults;
        faults.errorRate = 1.0;
        faults.errorStatus = 500;
        faults.errorDetail = kDiskFull;
        f->server().setFaults(faults);
    }
    // Runs `args` while the service goes away for 12 s once `started()` says the transfer is
    // under way; the CLI must finish by itself.
    template<typename Started>
    CliRunner::Result runThroughAnOutage(const QStringList &args, Started started)
    {
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 30; // so that the outage lands in the middle
        f->server().setFaults(slow);
        std::unique_ptr<QProcess> process(cli->start(args));
        CliRunner::Result result;
        if (!ClientFixture::waitUntil(started, 60'000) || process->state() != QProcess::Running) {
            result.err = QStringLiteral("the transfer did not get under way: ")
                + QString::fromUtf8(process->readAllStandardError());
            return result;
        }
        // The outage itself: 12 s, while the test waits for the CLI to end.
        bool cameBack = false;
        const bool ended = f->outageWhile(
            12'000, [&] { return process->state() == QProcess::NotRunning; }, 180'000, &cameBack);
        if (!cameBack)
            return result;
        if (!ended) {
            process->kill();
            process->waitForFinished();
            result.err = QStringLiteral("still running long after the service came back");
            return result;
        }
        result.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        result.err = QString::fromUtf8(process->readAllStandardError());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!CliRunner::program().isEmpty(), "FAL_FILES_CLI is set by CTest");
    }
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        cli = std::make_unique<CliRunner>(f->server().baseUrl().toString(), f->server().key());
    }
    void cleanup()
    {
        cli.reset();
        f.reset();
    }

    void aServiceThatKeepsFailingEndsWithExit6InsideTheBudget()
    {
        const QString local = f->scratch(QStringLiteral("a.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 4096, 1));
        failWith500();
        QElapsedTimer clock;
        clock.start();
        const auto result = cli->run({QStringLiteral("--retry-for"), QStringLiteral("4s"),
                                      QStringLiteral("upload"), local, QStringLiteral("/data/up/")},
                                     120'000);
        QVERIFY2(!result.crashed, "the CLI did not end by itself");
        QCOMPARE(result.exitCode, 6);
        QVERIFY2(result.err.contains(QStringLiteral("waiting for the service")),
                 qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("retrying in")), qPrintable(result.err));
        QVERIFY2(result.err.contains(kDiskFull), qPrintable(result.err));
        qInfo() << "exit 6 after" << clock.elapsed() << "ms with --retry-for 4s";
    }

    void noRetryAtAll()
    {
        const QString local = f->scratch(QStringLiteral("b.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 4096, 2));
        failWith500();
        const auto result = cli->run({QStringLiteral("--retry-for"), QStringLiteral("0"),
                                      QStringLiteral("upload"), local, QStringLiteral("/data/up/")},
                                     60'000);
        QCOMPARE(result.exitCode, 6);
        QVERIFY2(!result.err.contains(QStringLiteral("waiting for the service")),
                 qPrintable(result.err));
        QVERIFY2(result.err.contains(kDiskFull), qPrintable(result.err));
    }

    void aDurationMustBeOne()
    {
        const auto result = cli->run(
            {QStringLiteral("--retry-for"), QStringLiteral("soon"), QStringLiteral("ls")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("--retry-for")), qPrintable(result.err));
    }

    void anUploadWaitsOutAnOutage()
    {
        const QString local = f->scratch(QStringLiteral("big.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 100 * kMiB, 3));
        const auto result = runThroughAnOutage(
            {QStringLiteral("upload"), local, QStringLiteral("/data/up/")},
            [&] { return ClientFixture::acceptedParts(f->server().requestLog()).size() >= 2; });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("up/big.bin"))),
                 ClientFixture::sha256(local));
    }

    void aDownloadWaitsOutAnOutage()
    {
        QDir().mkpath(f->data(QStringLiteral("models")));
        QVERIFY(
            ClientFixture::writeRandomFile(f->data(QStringLiteral("models/w.bin")), 100 * kMiB, 4));
        const QString folder = f->scratch(QStringLiteral("down"));
        QVERIFY(QDir().mkpath(folder));
        const auto result = runThroughAnOutage(
            {QStringLiteral("download"), QStringLiteral("/data/models/w.bin"), folder},
            [&] { return bytesUnder(folder) > 10 * kMiB; });
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QCOMPARE(ClientFixture::sha256(folder + QStringLiteral("/w.bin")),
                 ClientFixture::sha256(f->data(QStringLiteral("models/w.bin"))));
    }

    void aFullDiskEndsWithExit7AndTheRerunCompletes()
    {
        QDir().mkpath(f->data(QStringLiteral("models")));
        QVERIFY(
            ClientFixture::writeRandomFile(f->data(QStringLiteral("models/w.bin")), 20 * kMiB, 5));
        const QString folder = f->scratch(QStringLiteral("full"));
        QVERIFY(QDir().mkpath(folder));
        const QStringList args
            = {QStringLiteral("download"), QStringLiteral("/data/models/w.bin"), folder};
        cli->setFileSizeLimit(6 * kMiB);
        const auto full = cli->run(args);
        QCOMPARE(full.exitCode, 7);
        QVERIFY2(full.err.contains(QStringLiteral("w.bin")), qPrintable(full.err));
        QVERIFY(!QFileInfo::exists(folder + QStringLiteral("/w.bin")));

        cli->setFileSizeLimit(-1); // room again
        const auto rerun = cli->run(args);
        QVERIFY2(rerun.exitCode == 0, qPrintable(rerun.err));
        QCOMPARE(ClientFixture::sha256(folder + QStringLiteral("/w.bin")),
                 ClientFixture::sha256(f->data(QStringLiteral("models/w.bin"))));
    }
};

QTEST_GUILESS_MAIN(TestCliOutage)
#include "tst_cli_outage.moc"
