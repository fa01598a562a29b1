// TransferActions offscreen: what a drop's folder scan leaves out (links pointing out of the
// folder) reaches the person, in the window's status bar, with local names escaped.
#include "models/RemoteTreeModel.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferService.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/StaticHttpServer.h"
#include "ui/transfers/TransferActions.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

class TestTransferActions : public QObject
{
    Q_OBJECT

private:
    static TransferService::Settings settingsFor(ClientFixture &f, const QTemporaryDir &state)
    {
        TransferService::Settings settings;
        settings.endpoint = f.client()->endpoint();
        settings.credentials = f.client()->credentials();
        settings.retryPolicy = f.client()->retryPolicy();
        settings.journalPath = state.filePath(QStringLiteral("j.sqlite"));
        return settings;
    }

private Q_SLOTS:
    void skippedLinksAreSaid()
    {
        ClientFixture f;
        QVERIFY(f.started());
        QTemporaryDir state;
        TransferService transfers(settingsFor(f, state));
        RemoteTreeModel model(f.client());
        QWidget window;
        TransferActions actions(&transfers, &model, &window);
        QSignalSpy messages(&actions, &TransferActions::message);

        const QString ds = f.scratch(QStringLiteral("ds"));
        QVERIFY(QDir().mkpath(ds));
        QVERIFY(ClientFixture::writeRandomFile(ds + QStringLiteral("/a.bin"), 100));
        QVERIFY(ClientFixture::writeRandomFile(f.scratch(QStringLiteral("secret")), 10));
        // The link's own name holds ESC: the status bar shows it escaped.
        const QString linkName = QStringLiteral("key") + QChar(0x1b) + QStringLiteral("[2J");
        QVERIFY(QFile::link(f.scratch(QStringLiteral("secret")), ds + QLatin1Char('/') + linkName));

        actions.upload({ds}, RemotePath());
        auto said = [&] {
            for (const QList<QVariant> &message : std::as_const(messages)) {
                if (message.first().toString().contains(QStringLiteral("1 link skipped")))
                    return message.first().toString();
            }
            return QString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(!said().isEmpty(), 20'000);
        QVERIFY2(!VisibleText::hasControls(said()), qPrintable(said()));
        QVERIFY2(said().contains(QStringLiteral("key\\x1b[2J")), qPrintable(said()));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(f.data(QStringLiteral("ds/a.bin"))), 20'000);
        QTRY_VERIFY(transfers.totals().isIdle());
        QVERIFY(QDir(f.data(QStringLiteral("ds"))).entryList(QDir::Files)
                == QStringList {QStringLiteral("a.bin")});
    }

    // The status bar's "Importing …" is followed by how the import ended: it never goes on
    // saying "Importing" about one that failed.
    void anImportSaysHowItEnded()
    {
        ClientFixture f;
        QVERIFY(f.started());
        QTemporaryDir state;
        TransferService transfers(settingsFor(f, state));
        RemoteTreeModel model(f.client());
        QWidget window;
        TransferActions actions(&transfers, &model, &window);
        QSignalSpy messages(&actions, &TransferActions::message);
        StaticHttpServer source;
        source.serve(QStringLiteral("/w.bin"), QByteArray(3000, 'w'));
        auto last
            = [&] { return messages.isEmpty() ? QString() : messages.last().first().toString(); };

        actions.importUrl(source.url(QStringLiteral("/missing.bin")),
                          *RemotePath::parse(QStringLiteral("missing.bin")));
        QVERIFY(last().startsWith(QStringLiteral("Importing")));
        QTRY_VERIFY_WITH_TIMEOUT(last().startsWith(QStringLiteral("Could not import missing.bin")),
                                 20'000);

        actions.importUrl(source.url(QStringLiteral("/w.bin")),
                          *RemotePath::parse(QStringLiteral("w.bin")));
        QTRY_VERIFY_WITH_TIMEOUT(last() == QStringLiteral("Imported w.bin into /data"), 20'000);
    }

    // "Uploading …" and "Downloading …" are followed by how they ended, so the status bar does
    // not go on saying "Uploading" about an upload that is done or failed.
    void uploadsAndDownloadsSayHowTheyEnded()
    {
        ClientFixture f;
        QVERIFY(f.started());
        QTemporaryDir state;
        TransferService transfers(settingsFor(f, state));
        RemoteTreeModel model(f.client());
        QWidget window;
        TransferActions actions(&transfers, &model, &window);
        QSignalSpy messages(&actions, &TransferActions::message);
        auto last
            = [&] { return messages.isEmpty() ? QString() : messages.last().first().toString(); };
        const QString local = f.scratch(QStringLiteral("u.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 5000, 9));
        actions.upload({local}, RemotePath());
        QCOMPARE(last(), QStringLiteral("Uploading u.bin to /data…"));
        QTRY_COMPARE_WITH_TIMEOUT(last(), QStringLiteral("Uploaded u.bin to /data"), 20'000);

        actions.upload({local, f.scratch(QStringLiteral("gone.bin"))}, RemotePath());
        QTRY_COMPARE_WITH_TIMEOUT(
            last(),
            QStringLiteral("2 items to /data ended with 1 file failed (see the transfers dock)"),
            20'000);

        FileSpec spec;
        spec.path = RemotePath().child(QStringLiteral("u.bin"));
        spec.name = QStringLiteral("u.bin");
        spec.isFile = true;
        spec.size = 5000;
        const QString into = f.scratch(QStringLiteral("into"));
        QVERIFY(QDir().mkpath(into));
        actions.download({spec}, into);
        QTRY_COMPARE_WITH_TIMEOUT(last(), QStringLiteral("Downloaded u.bin to %1").arg(into),
                                  20'000);
    }

    // A folder dropped into a folder the tree shows appears there by itself (no F5), with its
    // inner folders, once the upload lands.
    void aDroppedFolderAppearsWithoutARefresh()
    {
        ClientFixture f;
        QVERIFY(f.started());
        QVERIFY(QDir().mkpath(f.data(QStringLiteral("models"))));
        QVERIFY(ClientFixture::writeRandomFile(f.data(QStringLiteral("models/old.bin")), 10));
        QTemporaryDir state;
        TransferService transfers(settingsFor(f, state));
        RemoteTreeModel model(f.client());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QWidget window;
        TransferActions actions(&transfers, &model, &window);
        actions.setRefreshDelayMs(20);
        const RemotePath models = *RemotePath::parse(QStringLiteral("models"));
        QSignalSpy revealed(&model, &RemoteTreeModel::pathRevealed);
        model.revealPath(models);
        QVERIFY(revealed.wait(10'000));
        QTRY_VERIFY(model.indexForPath(models.child(QStringLiteral("old.bin"))).isValid());

        const QString ds = f.scratch(QStringLiteral("dataset"));
        QVERIFY(QDir().mkpath(ds + QStringLiteral("/train/images")));
        QVERIFY(ClientFixture::writeRandomFile(ds + QStringLiteral("/train/images/1.png"), 100));
        QVERIFY(ClientFixture::writeRandomFile(ds + QStringLiteral("/README"), 10));
        actions.upload({ds}, models);
        QTRY_VERIFY_WITH_TIMEOUT(transfers.totals().isIdle() && transfers.totals().done == 2,
                                 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            model.indexForPath(models.child(QStringLiteral("dataset"))).isValid(), 10'000);
        QVERIFY(model.specForIndex(model.indexForPath(models.child(QStringLiteral("dataset"))))
                    ->isDir());
    }
};

QTEST_MAIN(TestTransferActions)
#include "tst_transfer_actions.moc"
