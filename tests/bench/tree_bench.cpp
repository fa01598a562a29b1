// How the remote tree copes with a folder of 100,000 entries. Measures, for one configuration
// per run (so that the peak memory is that configuration's):
//   parse    FileSpec::parseList on the same bytes, alone, on this thread: the first run (into
//            fresh memory, as the app parses a reply) is the floor; the best of three is shown too
//   load     from the request to every row in the model (HTTP on loopback, parse and diff on
//            workers, rows inserted in batches), with the model alone, with the sorting proxy the
//            details view uses, or with the proxy and a real QTreeView showing the folder
//   stall    the longest gap of a 1 ms heartbeat QTimer on the UI thread while loading
//   peak     VmHWM from /proc/self/status at the end
// Prints one line of key=value pairs; tests/bench/tree_bench.sh runs it and prints a table.
#include "models/FolderViewModel.h"
#include "models/RemoteTreeModel.h"
#include "network/api/FilesClient.h"
#include "tests/bench/ListingServer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QTimer>
#include <QTreeView>
#include <algorithm>
#include <cstdio>
#include <functional>

namespace {

// One entry of the listing, in the shape fal's REST listing has; 1 in 100 entries is a folder.
QByteArray makeEntry(int i)
{
    const bool folder = i % 100 == 0;
    const QByteArray name = folder ? QByteArray("dir_" + QByteArray::number(i))
                                   : QByteArray("sample_" + QByteArray::number(i) + ".safetensors");
    return "{\"path\":\"/data/big/" + name + "\",\"name\":\"" + name
        + "\",\"created_time\":1747900000.5,\"updated_time\":" + QByteArray::number(1747900000 + i)
        + ".25,\"is_file\":" + QByteArray(folder ? "false" : "true") + ",\"size\":"
        + (folder ? QByteArray("0") : QByteArray::number(qint64(i) * 4096 + 17)) + "}";
}

QByteArray makeListing(int entries)
{
    QByteArray json;
    json.reserve(qsizetype(entries) * 160);
    json.append('[');
    for (int i = 0; i < entries; ++i) {
        if (i)
            json.append(',');
        json.append(makeEntry(i));
    }
    json.append(']');
    return json;
}

qint64 peakKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM",
            qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("entries"), QStringLiteral("Entries in the folder."),
                      QStringLiteral("n"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("config"), QStringLiteral("parse | model | proxy | view"),
                      QStringLiteral("name"), QStringLiteral("model")});
    parser.addOption(
        {QStringLiteral("batch"),
         QStringLiteral("Rows per event-loop turn; 0 (the default): the model's adaptive size."),
         QStringLiteral("n"), QStringLiteral("0")});
    parser.process(app);
    const int entries = parser.value(QStringLiteral("entries")).toInt();
    const QString config = parser.value(QStringLiteral("config"));

    if (config == QLatin1String("parse")) {
        const QByteArray json = makeListing(entries);
        // The floor: the same bytes parsed on this thread, best of three.
        qint64 best = std::numeric_limits<qint64>::max();
        qint64 first = 0;
        qsizetype rows = 0;
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer timer;
            timer.start();
            const auto parsed = FileSpec::parseList(json);
            best = std::min(best, timer.nsecsElapsed() / 1000);
            if (i == 0)
                first = best;
            rows = parsed ? parsed->size() : -1;
        }
        // The first parse is the fair floor: the app parses a reply once, into fresh memory, as
        // here; the later ones reuse what the first one freed and show the parser alone.
        std::printf("config=parse entries=%d bytes=%lld rows=%lld ms=%.1f warm_ms=%.1f stall_ms=0 "
                    "peak_mb=%.1f\n",
                    entries, qint64(json.size()), qint64(rows), first / 1000.0, best / 1000.0,
                    peakKb() / 1024.0);
        return rows == entries ? 0 : 1;
    }

    // /data holds one folder, "big": listing /data first opens the connection and warms up the
    // network stack, as the app's first screen does, so the measurement is of the big folder.
    ListingServer server("[{\"path\":\"/data/big\",\"name\":\"big\",\"created_time\":1747900000.0,"
                         "\"updated_time\":1747900000.0,\"is_file\":false,\"size\":0}]",
                         "big", entries, makeEntry);
    FilesClient client;
    client.setEndpoint(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port())));
    client.setCredentials(
        *Credentials::fromKey(QStringLiteral("bench:secret"), QStringLiteral("bench")));

    RemoteTreeModel model(&client);
    if (const int batch = parser.value(QStringLiteral("batch")).toInt(); batch > 0)
        model.setBatchSize(batch); // fixed; by default the model sizes batches to ~8 ms
    FolderViewModel proxy;
    QTreeView view;
    if (config != QLatin1String("model")) {
        proxy.setSourceModel(&model);
        model.setListingOrder(proxy.listingOrder());
    }
    if (config == QLatin1String("view")) {
        view.setUniformRowHeights(true);
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(RemoteTreeModel::NameColumn, Qt::AscendingOrder);
        view.resize(900, 700);
        view.show();
    }

    // The heartbeat: the longest gap between 1 ms ticks is the worst freeze a person would feel.
    QElapsedTimer load;
    QElapsedTimer heartbeat;
    qint64 longestGapUs = 0;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 gapUs = heartbeat.nsecsElapsed() / 1000;
        if (gapUs > 15'000 && qEnvironmentVariableIsSet("TREE_BENCH_TRACE"))
            std::fprintf(stderr, "  stall of %.1f ms ending at %.3f s\n", gapUs / 1000.0,
                         load.nsecsElapsed() / 1e9);
        longestGapUs = std::max(longestGapUs, gapUs);
        heartbeat.restart();
    });

    const QModelIndex root = model.rootIndex();
    QPersistentModelIndex big;
    qint64 loadUs = -1;
    QObject::connect(&model, &RemoteTreeModel::folderLoaded, [&](const RemotePath &folder) {
        if (folder.isRoot()) {
            // Warm: now the big one, measured.
            big = model.indexForPath(*RemotePath::parse(QStringLiteral("big")));
            heartbeat.start();
            ticker.start();
            load.start();
            if (config != QLatin1String("model")) {
                proxy.setFolder(big);
                proxy.fetchMore({});
            } else {
                model.fetchMore(big);
            }
            return;
        }
        loadUs = load.nsecsElapsed() / 1000;
        app.quit();
    });
    QObject::connect(&model, &RemoteTreeModel::folderFailed,
                     [&](const RemotePath &, const QString &message) {
                         std::fprintf(stderr, "listing failed: %s\n", qPrintable(message));
                         app.exit(1);
                     });
    QTimer::singleShot(0, [&] { model.fetchMore(root); });
    if (app.exec() != 0)
        return 1;
    ticker.stop();
    const qint64 loadStallUs = longestGapUs;
    const qint64 openPeakKb = peakKb(); // before the steps below, whose copies add their own
    // Let the view lay out and paint what it shows, as a person would see it.
    QCoreApplication::processEvents();
    const int rows = model.rowCount(big);
    // Then what a person does with the folder, each step timed to the end of its repaint (the
    // longest of the step's event-loop turns is what they feel).
    QString steps;
    if (config == QLatin1String("view")) {
        // A step lasts until the rows are in their new order (a worker may order them) and
        // painted; its stall is the longest gap of the heartbeat meanwhile.
        const auto timed = [&](const char *name, const std::function<void()> &step) {
            QElapsedTimer timer;
            timer.start();
            longestGapUs = 0;
            heartbeat.restart();
            ticker.start();
            step();
            while (proxy.isArranging())
                QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            view.viewport()->repaint();
            QCoreApplication::processEvents();
            ticker.stop();
            steps += QStringLiteral(" %1_ms=%2 %1_stall_ms=%3")
                         .arg(QLatin1String(name))
                         .arg(timer.nsecsElapsed() / 1e6, 0, 'f', 1)
                         .arg(longestGapUs / 1000.0, 0, 'f', 1);
        };
        timed("scroll", [&] {
            // Ten jumps down the folder, each painted before the next.
            for (int i = 1; i <= 10; ++i) {
                view.scrollTo(proxy.index(rows * i / 10 - 1, 0));
                view.viewport()->repaint();
            }
        });
        timed("sort", [&] { view.sortByColumn(RemoteTreeModel::SizeColumn, Qt::DescendingOrder); });
        timed("filter", [&] { proxy.setNameFilter(QStringLiteral("sample_99")); });
        timed("unfilter", [&] { proxy.setNameFilter(QString()); });
    }
    std::printf("config=%s entries=%d bytes=%lld rows=%d ms=%.1f stall_ms=%.1f peak_mb=%.1f "
                "steps_peak_mb=%.1f%s\n",
                qPrintable(config), entries, server.bodySize(), rows, loadUs / 1000.0,
                loadStallUs / 1000.0, openPeakKb / 1024.0, peakKb() / 1024.0, qPrintable(steps));
    return rows == entries ? 0 : 1;
}
