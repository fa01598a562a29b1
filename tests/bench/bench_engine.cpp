// The GUI's transfer engine, measured: runs TransferService (the engine on its own thread, as the
// app has it) against a running emulator while a 1 ms heartbeat timer on the UI thread records
// its longest gap, the longest UI-thread stall. --same-thread runs a bare TransferEngine on the
// UI thread instead, for comparison. Prints one JSON object. Driven by
// tests/bench/transfer_bench.py.
//
//   bench_engine --endpoint URL --key ID:SECRET --journal FILE [--same-thread]
//                (--upload LOCAL REMOTE | --download REMOTE LOCAL)...
#include "network/api/FilesClient.h"
#include "network/api/StatJob.h"
#include "network/transfer/TransferEngine.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/TransferService.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace {

struct Plan
{
    QString endpoint, key, journal;
    QList<QPair<QString, QString>> uploads; // local, remote
    QList<QPair<QString, QString>> downloads; // remote, local
};

struct Outcome
{
    qint64 bytes = 0;
    int failed = 0;
    QString error;
};

qint64 peakRssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

// Queues every transfer of the plan on `engine` (a TransferService or a bare TransferEngine:
// the same queue API) and runs the event loop until all are over.
template<typename Engine> Outcome runAll(Engine &engine, FilesClient &client, const Plan &plan)
{
    Outcome outcome;
    engine.setMaxFilesInFlight(4);
    QList<qint64> batches;
    for (const auto &[local, remote] : plan.uploads) {
        const auto target = *RemotePath::parse(remote);
        batches << engine.upload({local}, target.parent(), ConflictPolicy::Overwrite,
                                 target.name());
        outcome.bytes += QFileInfo(local).size();
    }
    for (const auto &[remote, local] : plan.downloads) {
        StatJob stat(&client, *RemotePath::parse(remote));
        stat.setAutoDelete(false);
        QEventLoop wait;
        QObject::connect(&stat, &ApiJob::finished, &wait, &QEventLoop::quit);
        stat.start();
        wait.exec();
        if (!stat.succeeded()) {
            outcome.error
                = QStringLiteral("cannot stat %1: %2").arg(remote, stat.error().message());
            return outcome;
        }
        const QFileInfo target(local);
        batches << engine.download({stat.spec()}, target.absolutePath(), ConflictPolicy::Overwrite,
                                   target.fileName());
        outcome.bytes += stat.spec().size;
    }
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, [&] {
        for (const qint64 batch : batches)
            if (!engine.isBatchFinished(batch))
                return;
        loop.quit();
    });
    poll.start(10);
    loop.exec();
    for (const qint64 id : engine.ids())
        outcome.failed += engine.item(id)->state != TransferItem::State::Done;
    return outcome;
}

// Through the GUI's TransferService: the engine on a thread of its own.
Outcome runThroughService(const Plan &plan)
{
    FilesClient client; // for the stat of download sources only
    client.setEndpoint(QUrl(plan.endpoint));
    client.setCredentials(*Credentials::fromKey(plan.key, QStringLiteral("bench")));
    TransferService::Settings settings;
    settings.endpoint = client.endpoint();
    settings.credentials = client.credentials();
    settings.journalPath = plan.journal;
    TransferService service(settings);
    return runAll(service, client, plan);
}

// The bare engine on the calling thread (its own event loop).
Outcome runTransfers(const Plan &plan)
{
    FilesClient client;
    client.setEndpoint(QUrl(plan.endpoint));
    client.setCredentials(*Credentials::fromKey(plan.key, QStringLiteral("bench")));
    TransferJournal journal(plan.journal);
    Outcome failed;
    if (!journal.open(&failed.error))
        return failed;
    TransferEngine engine(&client, &journal);
    return runAll(engine, client, plan);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    Plan plan;
    bool sameThread = false;
    while (!args.isEmpty()) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--endpoint"))
            plan.endpoint = args.takeFirst();
        else if (option == QLatin1String("--key"))
            plan.key = args.takeFirst();
        else if (option == QLatin1String("--journal"))
            plan.journal = args.takeFirst();
        else if (option == QLatin1String("--same-thread"))
            sameThread = true;
        else if (option == QLatin1String("--upload")) {
            const QString local = args.takeFirst();
            plan.uploads.append({local, args.takeFirst()});
        } else if (option == QLatin1String("--download")) {
            const QString remote = args.takeFirst();
            plan.downloads.append({remote, args.takeFirst()});
        }
    }

    qint64 maxStallMs = 0;
    qint64 maxStallAtMs = 0;
    QElapsedTimer clock;
    QElapsedTimer sinceTick;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 gap = sinceTick.restart();
        if (gap > maxStallMs) {
            maxStallMs = gap;
            maxStallAtMs = clock.elapsed();
        }
    });
    clock.start();
    sinceTick.start();
    heartbeat.start();
    const Outcome outcome = sameThread ? runTransfers(plan) : runThroughService(plan);
    const double seconds = clock.nsecsElapsed() / 1e9;
    heartbeat.stop();
    if (!outcome.error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(outcome.error));
        return 1;
    }
    const QJsonObject result {
        {QStringLiteral("bytes"), double(outcome.bytes)},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("mib_per_s"), outcome.bytes / seconds / (1024.0 * 1024.0)},
        {QStringLiteral("max_stall_ms"), double(maxStallMs)},
        {QStringLiteral("max_stall_at_s"), maxStallAtMs / 1000.0},
        {QStringLiteral("peak_rss_kb"), double(peakRssKb())},
        {QStringLiteral("failed"), outcome.failed}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return outcome.failed == 0 ? 0 : 1;
}
