// Drags out of the app: the drag carries the /data paths as text and, where a session bus
// answers, the D-Bus drop protocol KDE's file manager and desktop speak; the drop target's call
// (made here from a second connection, as Dolphin would) queues downloads into the folder where
// the items were dropped. A private dbus-daemon stands in for the desktop's session bus.
#include "models/RemoteTreeModel.h"
#include "network/transfer/TransferService.h"
#include "tests/support/ClientFixture.h"
#include "ui/MainWindow.h"
#include "ui/browse/DragOutExporter.h"
#include "ui/browse/RemoteView.h"
#include "ui/transfers/TransferActions.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCall>
#include <QMimeData>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

class TestDragOut : public QObject
{
    Q_OBJECT

private:
    QProcess m_bus;
    QString m_busAddress;
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<TransferService> transfers;
    std::unique_ptr<MainWindow> window;

    void put(const QString &relative, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(f->data(relative)).absolutePath());
        QFile file(f->data(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

    // Opens /data/models and selects its two files in the details view.
    void selectModels()
    {
        window->navigateTo(*RemotePath::parse(QStringLiteral("models")));
        RemoteView *view = window->detailsView();
        QVERIFY(QTest::qWaitFor([&] { return view->model()->rowCount(view->rootIndex()) == 2; },
                                10'000));
        view->selectAll();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        // Our own session bus, before anything asks Qt for one.
        m_bus.start(QStringLiteral("dbus-daemon"),
                    {QStringLiteral("--session"), QStringLiteral("--nofork"),
                     QStringLiteral("--print-address")});
        if (m_bus.waitForReadyRead(10'000))
            m_busAddress = QString::fromUtf8(m_bus.readLine()).trimmed();
        if (!m_busAddress.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", m_busAddress.toUtf8());
    }
    void cleanupTestCase()
    {
        m_bus.kill();
        m_bus.waitForFinished();
    }
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        put(QStringLiteral("models/a.safetensors"), QByteArray(300 * 1024, 'a'));
        put(QStringLiteral("models/b.gguf"), QByteArray(2 * 1024 * 1024, 'b'));
        TransferService::Settings settings;
        settings.endpoint = f->client()->endpoint();
        settings.credentials = f->client()->credentials();
        settings.retryPolicy = f->client()->retryPolicy();
        settings.journalPath = f->scratch(QStringLiteral("journal.sqlite"));
        transfers = std::make_unique<TransferService>(settings);
        window = std::make_unique<MainWindow>(f->client(), transfers.get());
        window->show();
    }
    void cleanup()
    {
        window.reset();
        transfers.reset();
        f.reset();
    }

    void dropOnTheDesktopDownloadsThere()
    {
        if (m_busAddress.isEmpty())
            QSKIP("no dbus-daemon to stand in for the session bus");
        QVERIFY(QDBusConnection::sessionBus().isConnected());
        selectModels();
        std::unique_ptr<QMimeData> data(window->detailsView()->dragMimeData());
        QVERIFY(data);
        QCOMPARE(data->text().split(QLatin1Char('\n')),
                 (QStringList {QStringLiteral("/data/models/a.safetensors"),
                               QStringLiteral("/data/models/b.gguf")}));
        QVERIFY(!data->hasUrls()); // never file URLs: nothing is on this disk yet
        const QString service = QString::fromUtf8(data->data(DragOutExporter::serviceMimeType()));
        const QString path = QString::fromUtf8(data->data(DragOutExporter::pathMimeType()));
        QCOMPARE(service, QDBusConnection::sessionBus().baseService());
        QCOMPARE(path, DragOutExporter::objectPath());

        // The file manager, on its own connection, answers the drop the way Dolphin does.
        QDBusConnection dolphin
            = QDBusConnection::connectToBus(m_busAddress, QStringLiteral("dolphin"));
        QVERIFY(dolphin.isConnected());
        const QString desktop = f->scratch(QStringLiteral("Desktop"));
        QVERIFY(QDir().mkpath(desktop));
        QDBusMessage call = QDBusMessage::createMethodCall(
            service, path, QStringLiteral("org.kde.ark.DndExtract"),
            QStringLiteral("extractSelectedFilesTo"));
        call.setArguments({desktop});
        dolphin.asyncCall(call);
        QVERIFY(QTest::qWaitFor(
            [&] {
                return QFileInfo(desktop + QStringLiteral("/a.safetensors")).size() == 300 * 1024
                    && QFileInfo(desktop + QStringLiteral("/b.gguf")).size() == 2 * 1024 * 1024;
            },
            30'000));
        QCOMPARE(ClientFixture::sha256(desktop + QStringLiteral("/b.gguf")),
                 ClientFixture::sha256(f->data(QStringLiteral("models/b.gguf"))));
        QDBusConnection::disconnectFromBus(QStringLiteral("dolphin"));
    }

    void aDropSomewhereNoFileCanGoIsRefused()
    {
        DragOutExporter *exporter = window->transfers()->dragOut();
        QSignalSpy refused(exporter, &DragOutExporter::refused);
        selectModels();
        std::unique_ptr<QMimeData> data(window->detailsView()->dragMimeData());
        QCOMPARE(exporter->pendingItems().size(), 2);
        exporter->extractSelectedFilesTo(QStringLiteral("sftp://elsewhere/home/me"));
        exporter->extractSelectedFilesTo(f->scratch(QStringLiteral("no-such-folder")));
        QCOMPARE(refused.size(), 2);
        QVERIFY(refused.at(0).at(0).toString().contains(
            QStringLiteral("only a folder on this computer")));
        QVERIFY(transfers->ids().isEmpty()); // nothing was queued

        // One drop per drag: a second call for the same drag fetches nothing again.
        const QString folder = f->scratch(QStringLiteral("once"));
        QVERIFY(QDir().mkpath(folder));
        exporter->extractSelectedFilesTo(folder);
        exporter->extractSelectedFilesTo(folder);
        QCOMPARE(refused.size(), 3);
        QVERIFY(
            refused.last().at(0).toString().contains(QStringLiteral("Nothing was being dragged")));
    }

    void aDragThatEndedWithoutADropFetchesNothingLater()
    {
        DragOutExporter *exporter = window->transfers()->dragOut();
        exporter->setForgetDelayMs(50);
        QSignalSpy refused(exporter, &DragOutExporter::refused);
        selectModels();
        std::unique_ptr<QMimeData> data(window->detailsView()->dragMimeData());
        exporter->dragEnded(); // dropped nowhere
        QTRY_VERIFY(exporter->pendingItems().isEmpty());
        const QString folder = f->scratch(QStringLiteral("late"));
        QVERIFY(QDir().mkpath(folder));
        exporter->extractSelectedFilesTo(folder); // anyone on the bus, later
        QCOMPARE(refused.size(), 1);
        QVERIFY(transfers->ids().isEmpty());
    }

    void withoutASessionBusTheDragCarriesTextOnly()
    {
        int downloads = 0;
        DragOutExporter exporter([&](const QList<FileSpec> &, const QString &) { ++downloads; },
                                 QDBusConnection(QStringLiteral("not connected")));
        QMimeData data;
        FileSpec spec;
        spec.path = *RemotePath::parse(QStringLiteral("models/a.safetensors"));
        QVERIFY(!exporter.decorate(&data, {spec}));
        QVERIFY(!data.hasFormat(DragOutExporter::serviceMimeType()));
        const QString folder = f->scratch(QStringLiteral("direct"));
        QVERIFY(QDir().mkpath(folder));
        exporter.extractSelectedFilesTo(QUrl::fromLocalFile(folder).toString()); // a URL works too
        QCOMPARE(downloads, 1);
    }
};

QTEST_MAIN(TestDragOut)
#include "tst_dragout.moc"
