// The GUI's transfer engine, measured: runs TransferEngine on a QApplication's UI thread (as the
// app does) against a running emulator, with a 1 ms heartbeat timer whose longest gap is the
// longest UI-thread stall. Prints one JSON object. Driven by tests/bench/transfer_bench.sh.
//
//   bench_engine --endpoint URL --key ID:SECRET --journal FILE
//                (--upload LOCAL REMOTE | --download REMOTE LOCAL)...
#include "FilesClient.h"
#include "StatJob.h"
#include "TransferEngine.h"
#include "TransferJournal.h"

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

} // namespace

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen")
                                                 : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QString endpoint, key, journalPath;
    QList<QPair<QString, QString>> uploads, downloads;
    while (!args.isEmpty()) {
        const QString option = args.takeFirst();
        if (option == QLatin1String("--endpoint"))
            endpoint = args.takeFirst();
        else if (option == QLatin1String("--key"))
            key = args.takeFirst();
        else if (option == QLatin1String("--journal"))
            journalPath = args.takeFirst();
        else if (option == QLatin1String("--upload")) {
            const QString local = args.takeFirst();
            uploads.append({local, args.takeFirst()});
        } else if (option == QLatin1String("--download")) {
            const QString remote = args.takeFirst();
            downloads.append({remote, args.takeFirst()});
        }
    }
    FilesClient client;
    client.setEndpoint(QUrl(endpoint));
    client.setCredentials(*Credentials::fromKey(key, QStringLiteral("bench")));
    TransferJournal journal(journalPath);
    if (!journal.open())
        return 1;
    TransferEngine engine(&client, &journal);
    engine.setMaxFilesInFlight(4);

    // Resolve download sources first (not timed).
    QList<FileSpec> sources;
    for (const auto &[remote, local] : downloads) {
        StatJob stat(&client, *RemotePath::parse(remote));
        stat.setAutoDelete(false);
        QEventLoop loop;
        QObject::connect(&stat, &ApiJob::finished, &loop, &QEventLoop::quit);
        stat.start();
        loop.exec();
        if (!stat.succeeded()) {
            std::fprintf(stderr, "cannot stat %s: %s\n", qPrintable(remote),
                         qPrintable(stat.error().message()));
            return 1;
        }
        sources.append(stat.spec());
    }

    qint64 maxStallMs = 0;
    qint64 maxStallAtMs = 0;
    QElapsedTimer sinceTick;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QElapsedTimer clock;
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
    QList<qint64> batches;
    qint64 bytes = 0;
    for (const auto &[local, remote] : uploads) {
        const auto target = *RemotePath::parse(remote);
        batches << engine.upload({local}, target.parent(), ConflictPolicy::Overwrite,
                                 target.name());
        bytes += QFileInfo(local).size();
    }
    for (qsizetype i = 0; i < sources.size(); ++i) {
        const QFileInfo target(downloads.at(i).second);
        batches << engine.download({sources.at(i)}, target.absolutePath(),
                                   ConflictPolicy::Overwrite, target.fileName());
        bytes += sources.at(i).size;
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
    const double seconds = clock.nsecsElapsed() / 1e9;
    heartbeat.stop();

    int failed = 0;
    for (const qint64 id : engine.ids())
        failed += engine.item(id)->state != TransferItem::State::Done;
    const QJsonObject result {{QStringLiteral("bytes"), double(bytes)},
                              {QStringLiteral("seconds"), seconds},
                              {QStringLiteral("mib_per_s"), bytes / seconds / (1024.0 * 1024.0)},
                              {QStringLiteral("max_stall_ms"), double(maxStallMs)},
                             {QStringLiteral("max_stall_at_s"), maxStallAtMs / 1000.0},
                              {QStringLiteral("peak_rss_kb"), double(peakRssKb())},
                              {QStringLiteral("failed"), failed}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return failed == 0 ? 0 : 1;
}
