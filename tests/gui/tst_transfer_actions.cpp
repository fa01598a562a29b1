// TransferActions offscreen: what a drop's folder scan leaves out (links pointing out of the
// folder) reaches the person, in the window's status bar, with local names escaped.
#include "ClientFixture.h"
#include "RemoteTreeModel.h"
#include "TransferActions.h"
#include "TransferService.h"
#include "VisibleText.h"

#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QWidget>

class TestTransferActions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void skippedLinksAreSaid()
    {
        ClientFixture f;
        QVERIFY(f.started());
        QTemporaryDir state;
        TransferService::Settings settings;
        settings.endpoint = f.client()->endpoint();
        settings.credentials = f.client()->credentials();
        settings.retryPolicy = f.client()->retryPolicy();
        settings.journalPath = state.filePath(QStringLiteral("j.sqlite"));
        TransferService engine(settings);
        RemoteTreeModel model(f.client());
        QWidget window;
        TransferActions actions(&engine, &model, &window);
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
        QTRY_VERIFY(engine.totals().isIdle());
        QVERIFY(QDir(f.data(QStringLiteral("ds"))).entryList(QDir::Files)
                == QStringList {QStringLiteral("a.bin")});
    }
};

QTEST_MAIN(TestTransferActions)
#include "tst_transfer_actions.moc"
