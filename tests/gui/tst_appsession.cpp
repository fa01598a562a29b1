// The app's session with no key anywhere: the built-in emulator starts in-process on a loopback
// port over a seeded demo /data, and says so. With a refused endpoint: nothing at all.
#include "app/gui/AppSession.h"
#include "network/account/FallbackKeyStore.h"
#include "network/account/MemoryKeyStore.h"
#include "network/api/FilesClient.h"
#include "network/api/ListJob.h"
#include "network/transfer/TransferService.h"
#include "tests/support/ClientFixture.h"

#include <QApplication>
#include <QDir>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {
// Never the machine's keychain: a developer's real key must not take the test to fal's servers.
std::shared_ptr<FallbackKeyStore> emptyStore()
{
    return std::make_shared<FallbackKeyStore>(std::make_unique<MemoryKeyStore>(),
                                              std::make_unique<MemoryKeyStore>());
}
} // namespace

class TestAppSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void noKeyMeansTheSeededEmulator()
    {
        QTemporaryDir dir;
        AppSession::Options options;
        options.emulatorData = dir.filePath(QStringLiteral("emulator-data"));
        options.keyStore = emptyStore();
        AppSession session(options);
        QSignalSpy ready(&session, &AppSession::ready);
        session.start();
        QVERIFY(ready.wait(20'000));
        QVERIFY(session.isEmulator());
        QVERIFY(session.bannerText().contains(QStringLiteral("emulator")));
        QVERIFY(session.bannerText().contains(QFileInfo(options.emulatorData).fileName()));
        QVERIFY(session.currentKeyDescription().contains(QStringLiteral("emulator")));
        QVERIFY(session.transfers());
        const QUrl endpoint = session.client()->endpoint();
        QCOMPARE(endpoint.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(endpoint.port() > 0);
        for (const char *seeded : {"README.txt", "models", "datasets", "outputs"})
            QVERIFY2(
                QFileInfo::exists(QDir(options.emulatorData).filePath(QString::fromLatin1(seeded))),
                seeded);

        ListJob list(session.client(), RemotePath());
        list.setAutoDelete(false);
        QSignalSpy done(&list, &ApiJob::finished);
        list.start();
        QVERIFY(done.wait(10'000));
        QVERIFY(list.succeeded());
        QCOMPARE(list.entries().size(), 4);
        QVERIFY(!session.storageNote().isEmpty());
    }

    // The built-in emulator has a new port and key at each start; its transfers are known by its
    // data folder, so a restart shows the last session's history and goes on with a paused one.
    void theEmulatorsTransfersOutliveARestart()
    {
        QTemporaryDir dir;
        AppSession::Options options;
        options.emulatorData = dir.filePath(QStringLiteral("emulator-data"));
        options.keyStore = emptyStore();
        const QString small = dir.filePath(QStringLiteral("small.bin"));
        const QString big = dir.filePath(QStringLiteral("big.bin"));
        QVERIFY(ClientFixture::writeRandomFile(small, 1000, 1));
        QVERIFY(ClientFixture::writeRandomFile(big, 8 * 1024 * 1024, 2));
        qint64 done = 0, paused = 0;
        {
            AppSession session(options);
            QSignalSpy ready(&session, &AppSession::ready);
            session.start();
            QVERIFY(ready.wait(20'000));
            TransferService *transfers = session.transfers();
            const qint64 first = transfers->upload({small}, RemotePath());
            QVERIFY(ClientFixture::waitUntil([&] { return transfers->isBatchFinished(first); },
                                             20'000));
            done = transfers->batchItems(first).value(0);
            QCOMPARE(transfers->item(done)->state, TransferItem::State::Done);
            transfers->setBandwidthLimits(256 * 1024, 0); // slow enough to be caught running
            const qint64 second = transfers->upload({big}, RemotePath());
            QVERIFY(ClientFixture::waitUntil(
                [&] { return !transfers->batchItems(second).isEmpty(); }, 20'000));
            paused = transfers->batchItems(second).first();
            transfers->pause(paused);
            QVERIFY(ClientFixture::waitUntil(
                [&] { return transfers->item(paused)->state == TransferItem::State::Paused; },
                20'000));
        }
        AppSession session(options);
        QSignalSpy ready(&session, &AppSession::ready);
        session.start();
        QVERIFY(ready.wait(20'000));
        TransferService *transfers = session.transfers();
        QVERIFY2(ClientFixture::waitUntil([&] { return transfers->item(done) != nullptr; }, 10'000),
                 "the last session's finished upload is not in the history");
        QCOMPARE(transfers->item(done)->state, TransferItem::State::Done);
        QVERIFY(transfers->item(paused));
        QCOMPARE(transfers->item(paused)->state, TransferItem::State::Paused);
        transfers->resume(paused);
        QVERIFY(ClientFixture::waitUntil(
            [&] { return transfers->item(paused)->state == TransferItem::State::Done; }, 30'000));
        QVERIFY(QFileInfo::exists(QDir(options.emulatorData).filePath(QStringLiteral("big.bin"))));
    }

    void signOutGoesBackToTheEmulatorAndSaysWhatStays()
    {
        ClientFixture account;
        QVERIFY(account.started());
        QTemporaryDir dir;
        AppSession::Options options;
        options.emulatorData = dir.filePath(QStringLiteral("emulator-data"));
        options.keyStore = emptyStore();
        options.explicitKey = account.server().key();
        options.explicitEndpoint = account.server().baseUrl().toString();
        AppSession session(options);
        QSignalSpy ready(&session, &AppSession::ready);
        session.start();
        QVERIFY(ready.wait(20'000));
        QVERIFY(!session.isEmulator());
        const QString keyId = account.server().key().section(QLatin1Char(':'), 0, 0);
        QCOMPARE(session.accountLabel(),
                 QStringLiteral("%1:•••• on 127.0.0.1:%2")
                     .arg(keyId)
                     .arg(account.server().baseUrl().port()));

        QSignalSpy changed(&session, &AppSession::accountChanged);
        QString why, note;
        QVERIFY2(session.signOut(&why, &note), qPrintable(why));
        // The key was given with --key: it signs the app in again at the next start. Said.
        QVERIFY2(note.contains(QStringLiteral("--key")), qPrintable(note));
        QVERIFY(changed.wait(20'000));
        QVERIFY(session.isEmulator());
        QCOMPARE(session.accountLabel(), QStringLiteral("Emulator"));
        QVERIFY(!session.signOut(&why, &note)); // nobody is signed in now
    }

    void seedingLeavesAnExistingFolderAlone()
    {
        QTemporaryDir dir;
        QFile mine(dir.filePath(QStringLiteral("mine.txt")));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.close();
        AppSession::Options options;
        options.emulatorData = dir.path();
        options.forceEmulator = true;
        options.keyStore = emptyStore();
        AppSession session(options);
        QSignalSpy ready(&session, &AppSession::ready);
        session.start();
        QVERIFY(ready.wait(20'000));
        QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
                 QStringList {QStringLiteral("mine.txt")});
    }

    // A refused endpoint is not replaced by production (nor by the emulator): the app says why and
    // connects nowhere, so the key goes nowhere.
    void refusedEndpointConnectsNowhere()
    {
        QTemporaryDir dir;
        AppSession::Options options;
        options.emulatorData = dir.filePath(QStringLiteral("emulator-data"));
        options.keyStore = emptyStore();
        options.explicitKey = QStringLiteral("someid:SomeSecret");
        options.explicitEndpoint = QStringLiteral("http://example.com");
        AppSession session(options);
        QSignalSpy ready(&session, &AppSession::ready);
        QSignalSpy failed(&session, &AppSession::failed);
        session.start();
        QVERIFY(failed.wait(20'000));
        QCOMPARE(ready.size(), 0);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("--endpoint")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("https://")), qPrintable(message));
        QVERIFY(!session.client()->credentials().isValid());
        QVERIFY(session.client()->endpoint().isEmpty());
        QVERIFY(!session.transfers());
        QVERIFY(!session.isEmulator());
    }
};

QTEST_MAIN(TestAppSession)
#include "tst_appsession.moc"
