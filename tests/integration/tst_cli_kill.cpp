// Kill tests: fal-files-cli is killed with SIGKILL a third of the way through a 96 MiB upload and
// a 96 MiB download, started again with the same command, and must finish with identical bytes,
// without the server accepting a part twice or sending a byte range twice, and without the
// download's target path ever holding a partial file.
#include "ClientFixture.h"
#include "CliRunner.h"

#include <QRegularExpression>
#include <QTest>
#include <QTimer>

#include <csignal>

namespace {

constexpr qint64 kMiB = 1024 * 1024;
const QRegularExpression kPartRoute(QStringLiteral("/files/file/multipart/.+/[^/]+/(\\d+)$"));

QMap<int, int> acceptedParts(const QList<fal::emulator::RequestLogEntry> &log)
{
    QMap<int, int> accepted;
    for (const auto &entry : log) {
        const auto match = kPartRoute.match(entry.target);
        if (entry.method == QLatin1String("PUT") && match.hasMatch() && entry.status == 200)
            ++accepted[match.captured(1).toInt()];
    }
    return accepted;
}

void killHard(QProcess *process)
{
    ::kill(pid_t(process->processId()), SIGKILL);
    process->waitForFinished(5000);
}

} // namespace

class TestCliKill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void uploadKilledAtAThirdResumes()
    {
        ClientFixture f;
        QVERIFY(f.started());
        CliRunner cli(f.server().baseUrl().toString(), f.server().key());
        cli.environment().insert(QStringLiteral("FAL_FILES_PARTS_IN_FLIGHT"), QStringLiteral("2"));
        const QString local = f.scratch(QStringLiteral("weights.bin"));
        const qint64 size = 96 * kMiB;
        QVERIFY(ClientFixture::writeRandomFile(local, size, 96));
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 120; // so that "a third of the way" lasts long enough to be caught
        f.server().setFaults(slow);

        const QStringList command{QStringLiteral("upload"), local, QStringLiteral("models/")};
        std::unique_ptr<QProcess> first(cli.start(command));
        QVERIFY(QTest::qWaitFor([&] { return acceptedParts(f.server().requestLog()).size() >= 4; }, 60'000));
        killHard(first.get());
        QCOMPARE(first->exitStatus(), QProcess::CrashExit);
        const auto beforeKill = f.server().requestLog();
        const int acceptedBefore = int(acceptedParts(beforeKill).size());
        qint64 bytesInFlightAtKill = 0;
        for (const auto &entry : beforeKill) {
            if (entry.method == QLatin1String("PUT") && entry.status != 200)
                bytesInFlightAtKill += entry.requestBytes;
        }
        QVERIFY(!QFile::exists(f.data(QStringLiteral("models/weights.bin"))));

        f.server().setFaults({});
        const qsizetype logBefore = f.server().requestLog().size();
        const auto second = cli.run(command);
        if (second.exitCode != 0) {
            for (const auto &entry : f.server().requestLog())
                qInfo() << entry.method << entry.target << entry.status << entry.requestBytes << entry.fault;
        }
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(ClientFixture::sha256(f.data(QStringLiteral("models/weights.bin"))), ClientFixture::sha256(local));

        const auto log = f.server().requestLog();
        const QMap<int, int> accepted = acceptedParts(log);
        QCOMPARE(accepted.size(), 10); // 96 MiB in 10 MiB parts
        for (auto it = accepted.cbegin(); it != accepted.cend(); ++it)
            QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("part %1 was accepted %2 times").arg(it.key()).arg(it.value())));
        // Bytes sent for nothing: every part body that was not accepted (the ones the kill cut).
        // At most the parts that were in flight (2 here), never a stored part again.
        qint64 sent = 0;
        qint64 acceptedBytes = 0;
        for (const auto &entry : log) {
            if (entry.method != QLatin1String("PUT"))
                continue;
            sent += entry.requestBytes;
            if (entry.status == 200)
                acceptedBytes += entry.requestBytes;
        }
        const qint64 wasted = sent - acceptedBytes;
        qInfo("upload: %d of 10 parts stored before the kill; %lld bytes sent again after the restart "
              "(%.1f MiB, the parts in flight at the kill); every part accepted once",
              acceptedBefore, wasted, wasted / double(kMiB));
        QVERIFY(wasted <= 2 * (10 * kMiB + 1024));
        Q_UNUSED(logBefore)
        Q_UNUSED(bytesInFlightAtKill)
    }

    void downloadKilledAtAThirdResumes()
    {
        ClientFixture f;
        QVERIFY(f.started());
        CliRunner cli(f.server().baseUrl().toString(), f.server().key());
        const qint64 size = 96 * kMiB;
        QVERIFY(ClientFixture::writeRandomFile(f.data(QStringLiteral("weights.bin")), size, 69));
        // The first connection breaks after a third; the CLI waits before resuming, and dies then.
        // (The client buffers up to 48 MiB when its disk is behind the network: within that, Qt 6.4
        // keeps every byte the server sent before a drop. See DownloadJob.)
        fal::emulator::FaultOptions drop;
        drop.dropAfterBytes = 32 * kMiB;
        drop.dropLimit = 1;
        f.server().setFaults(drop);

        const QString target = f.scratch(QStringLiteral("weights.bin"));
        const QString temp = target + QStringLiteral(".falpart");
        bool targetEverPartial = false;
        QTimer watcher;
        QObject::connect(&watcher, &QTimer::timeout, &watcher, [&] {
            const QFileInfo info(target);
            if (info.exists() && info.size() != size)
                targetEverPartial = true;
        });
        watcher.start(1);

        const QStringList command{QStringLiteral("download"), QStringLiteral("weights.bin"), target};
        std::unique_ptr<QProcess> first(cli.start(command));
        if (!QTest::qWaitFor([&] { return QFileInfo(temp).size() == 32 * kMiB; }, 60'000)) {
            for (const auto &entry : f.server().requestLog())
                qInfo() << entry.method << entry.target << entry.range << entry.status << entry.responseBytes << entry.fault;
            QFAIL(qPrintable(QStringLiteral("the part file never held exactly the first 32 MiB (now %1 bytes; CLI %2): %3")
                                 .arg(QFileInfo(temp).size())
                                 .arg(first->state() == QProcess::NotRunning ? QStringLiteral("exited") : QStringLiteral("running"))
                                 .arg(QString::fromUtf8(first->readAllStandardError()))));
        }
        killHard(first.get());
        QVERIFY(!QFile::exists(target));
        QCOMPARE(QFileInfo(temp).size(), 32 * kMiB);

        f.server().setFaults({});
        const auto second = cli.run(command);
        watcher.stop();
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        QCOMPARE(ClientFixture::sha256(target), ClientFixture::sha256(f.data(QStringLiteral("weights.bin"))));
        QVERIFY(!QFile::exists(temp));
        QVERIFY2(!targetEverPartial, "the target path held a partial file");

        // The client's own requests: one from 0, one from exactly where the kept bytes end.
        QMap<qint64, qint64> delivered;
        qint64 ghost = 0;
        for (const auto &entry : f.server().requestLog()) {
            if (entry.method != QLatin1String("GET"))
                continue;
            const qint64 start = entry.range.isEmpty() ? 0 : entry.range.section(QLatin1Char('='), 1).section(QLatin1Char('-'), 0, 0).toLongLong();
            if (delivered.contains(start))
                ghost += qMin(delivered.value(start), entry.responseBytes);
            delivered[start] = qMax(delivered.value(start), entry.responseBytes);
        }
        QCOMPARE(delivered.keys(), (QList<qint64>{0, 32 * kMiB}));
        QCOMPARE(delivered.value(0) + delivered.value(32 * kMiB), size);
        qInfo("download: resumed at byte %lld; no byte range fetched twice (%lld bytes of abandoned re-sends by Qt)",
              32 * kMiB, ghost);
    }
};

QTEST_GUILESS_MAIN(TestCliKill)
#include "tst_cli_kill.moc"
