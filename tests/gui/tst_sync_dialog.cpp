// "Sync Folder…" in the app: the dialog shows the plan before anything happens, runs it as one
// job in the transfers dock, asks before deleting, and remembers the pair in "Recent Syncs",
// which opens the dialog on the pair with its plan.
#include "network/sync/SyncPlan.h"
#include "network/transfer/TransferService.h"
#include "tests/support/ClientFixture.h"
#include "ui/MainWindow.h"
#include "ui/SyncController.h"
#include "ui/SyncDialog.h"
#include "ui/browse/FileIconProvider.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <unistd.h>

class TestSyncDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    QTemporaryDir m_state;
    std::unique_ptr<TransferService> transfers;
    std::unique_ptr<MainWindow> window;

    QString local(const QString &relative = {}) const
    {
        return f->scratch(QStringLiteral("src")
                          + (relative.isEmpty() ? QString() : u'/' + relative));
    }
    static void write(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }
    SyncOptions pair(bool deleteExtra = false) const
    {
        SyncOptions options;
        options.localRoot = local();
        options.remoteRoot = *RemotePath::parse(QStringLiteral("/data/up"));
        options.deleteExtra = deleteExtra;
        return options;
    }
    static QStringList rows(const SyncDialog *dialog)
    {
        QStringList out;
        for (int i = 0; i < dialog->planList()->topLevelItemCount(); ++i)
            out << dialog->planList()->topLevelItem(i)->text(0) + u' '
                    + dialog->planList()->topLevelItem(i)->text(1);
        return out;
    }
    bool runDialog(SyncDialog *dialog)
    {
        QSignalSpy done(window->sync(), &SyncController::finished);
        dialog->syncButton()->click();
        return done.wait(60'000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings in ~/.qttest, not the person's
        FileIconProvider::installTheme(QApplication::palette());
    }
    void init()
    {
        QSettings().clear();
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        TransferService::Settings settings;
        settings.endpoint = f->client()->endpoint();
        settings.credentials = f->client()->credentials();
        settings.retryPolicy = f->client()->retryPolicy();
        settings.journalPath = m_state.filePath(
            QStringLiteral("j-%1.sqlite").arg(QDateTime::currentMSecsSinceEpoch()));
        transfers = std::make_unique<TransferService>(settings);
        window = std::make_unique<MainWindow>(f->client(), transfers.get());
        window->show();
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        for (int i = 0; i < 6; ++i)
            write(local(QStringLiteral("f%1.txt").arg(i)), QByteArray(100 + i, 'a' + char(i)));
    }
    void cleanup()
    {
        window.reset();
        transfers.reset();
        f.reset();
    }

    void syncFolderShowsThePlanAndRunsItAsOneJob()
    {
        QVERIFY(window->sync());
        // The File menu's action starts from the folder shown.
        window->sync()->syncAction()->trigger();
        auto *fromMenu = window->findChild<SyncDialog *>();
        QVERIFY(fromMenu);
        QCOMPARE(fromMenu->options().remoteRoot, window->currentFolder());
        fromMenu->close();

        SyncDialog *dialog = window->sync()->openDialog(nullptr);
        dialog->setOptions(pair());
        QVERIFY(!dialog->syncButton()->isEnabled()); // no plan, no sync
        QSignalSpy planned(dialog, &SyncDialog::planReady);
        dialog->planButton()->click();
        QVERIFY(planned.wait(30'000));
        QCOMPARE(rows(dialog).size(), 6);
        // Where from and where to, in full, then what.
        QVERIFY2(dialog->summaryLabel()->text().startsWith(
                     QStringLiteral("From %1 to /data/up: 6 files to upload (615 B)")
                         .arg(QDir::toNativeSeparators(local()))),
                 qPrintable(dialog->summaryLabel()->text()));
        QVERIFY(!QFileInfo::exists(f->data(QStringLiteral("up")))); // the plan changed nothing
        QVERIFY(runDialog(dialog));
        for (int i = 0; i < 6; ++i)
            QCOMPARE(read(f->data(QStringLiteral("up/f%1.txt").arg(i))),
                     read(local(QStringLiteral("f%1.txt").arg(i))));
        QVERIFY(QFile::exists(f->data(QStringLiteral("up/.fal_hash"))));
        // One job in the dock, named after the synced folder.
        QVERIFY(QTest::qWaitFor([&] { return transfers->ids().size() >= 6; }, 10'000));
        QSet<qint64> batches;
        for (const qint64 id : transfers->ids())
            batches.insert(transfers->item(id)->batchId);
        QCOMPARE(batches.size(), 1);
        const auto request = transfers->batchRequest(*batches.cbegin());
        QVERIFY(request);
        QCOMPARE(request->sources, QStringList {local()});
        QCOMPARE(request->destination, QStringLiteral("/data/up"));
        // Remembered.
        QCOMPARE(window->sync()->recentPairs().size(), 1);
        QCOMPARE(window->sync()->recentMenu()->actions().size(), 1);
        QVERIFY(window->sync()->recentMenu()->actions().first()->text().contains(u"/data/up"));
    }

    void aRememberedPairOpensWithItsPlan()
    {
        SyncDialog *first = window->sync()->openDialog(nullptr);
        first->setOptions(pair());
        QSignalSpy planned(first, &SyncDialog::planReady);
        first->startPlanning();
        QVERIFY(planned.wait(30'000));
        QVERIFY(runDialog(first));

        write(local(QStringLiteral("f2.txt")), QByteArray(102, 'Z')); // same size, new bytes
        window->sync()->recentMenu()->actions().first()->trigger();
        SyncDialog *again = nullptr;
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (SyncDialog *d : window->findChildren<SyncDialog *>())
                    if (d != first && d->isVisible())
                        again = d;
                return again && again->hasPlan();
            },
            30'000));
        QCOMPARE(rows(again), QStringList {QStringLiteral("Replace f2.txt")});
        QVERIFY(runDialog(again));
        QCOMPARE(read(f->data(QStringLiteral("up/f2.txt"))), QByteArray(102, 'Z'));
    }

    void platformApiCannotSyncAndSaysWhy()
    {
        QUrl endpoint = f->server().baseUrl();
        endpoint.setPath(QStringLiteral("/v1"));
        QVERIFY(f->client()->setEndpoint(endpoint));
        QSignalSpy failed(window->sync(), &SyncController::failed);
        QCOMPARE(window->sync()->openDialog(nullptr), nullptr);
        QCOMPARE(failed.size(), 1);
        QVERIFY(!failed.first().first().toString().isEmpty());
        QVERIFY(window->findChildren<SyncDialog *>().isEmpty());
    }

    // "." would be the folder the app was started from, whatever that is: a relative local
    // folder is refused, "~" is the home folder. A plan shown goes when a field changes.
    void aRelativeLocalFolderIsRefused()
    {
        SyncDialog *dialog = window->sync()->openDialog(nullptr);
        SyncOptions relative = pair(true);
        relative.localRoot = QStringLiteral(".");
        dialog->setOptions(relative);
        QCOMPARE(dialog->options().localRoot, QStringLiteral("."));
        dialog->startPlanning();
        QVERIFY2(dialog->summaryLabel()->text().startsWith(u"Give the local folder as a full path"),
                 qPrintable(dialog->summaryLabel()->text()));
        QVERIFY(rows(dialog).isEmpty());
        QVERIFY(!dialog->syncButton()->isEnabled());

        // Tab goes down the form as drawn: /data folder, Exclude, then the two boxes.
        QWidget *remote = dialog->findChildren<QLineEdit *>().at(1);
        QWidget *excludes = remote->nextInFocusChain();
        while (excludes && excludes->focusPolicy() == Qt::NoFocus)
            excludes = excludes->nextInFocusChain();
        QVERIFY(qobject_cast<QLineEdit *>(excludes));
        QVERIFY(excludes != remote);

        relative.localRoot = QStringLiteral("~/x");
        dialog->setOptions(relative);
        QCOMPARE(dialog->options().localRoot, QDir::homePath() + QStringLiteral("/x"));

        dialog->setOptions(pair());
        QSignalSpy planned(dialog, &SyncDialog::planReady);
        dialog->startPlanning();
        QVERIFY(planned.wait(30'000));
        QVERIFY(dialog->syncButton()->isEnabled());
        relative.localRoot = QStringLiteral("/elsewhere");
        dialog->setOptions(relative); // the old plan's words go with it
        QVERIFY(!dialog->summaryLabel()->text().contains(u"to upload"));
        QVERIFY(!dialog->syncButton()->isEnabled());
        dialog->close();
    }

    void deletesAreAskedFirst()
    {
        write(f->data(QStringLiteral("up/extra.txt")), "extra");
        SyncDialog *dialog = window->sync()->openDialog(nullptr);
        dialog->setOptions(pair(true));
        QString asked;
        bool answer = false;
        dialog->setConfirmDeletes([&](const QString &question) {
            asked = question;
            return answer;
        });
        QSignalSpy planned(dialog, &SyncDialog::planReady);
        dialog->startPlanning();
        QVERIFY(planned.wait(30'000));
        QVERIFY(rows(dialog).contains(QStringLiteral("Delete extra.txt")));
        dialog->syncButton()->click(); // "no"
        QVERIFY2(asked.startsWith(u"Delete 1 item (5 B) from /data/up?"), qPrintable(asked));
        QVERIFY(dialog->isVisible());
        QVERIFY(QFile::exists(f->data(QStringLiteral("up/extra.txt"))));
        QVERIFY(!QFileInfo::exists(f->data(QStringLiteral("up/f0.txt"))));
        answer = true;
        QVERIFY(runDialog(dialog));
        QVERIFY(!QFile::exists(f->data(QStringLiteral("up/extra.txt"))));
        QVERIFY(QFile::exists(f->data(QStringLiteral("up/f0.txt"))));
    }

    // The app's download sync puts the local files it deletes in the trash, not away for good.
    void aDownloadSyncMovesLocalDeletesToTheTrash()
    {
        for (int i = 0; i < 6; ++i) // the same on both sides: only stale.txt goes
            write(f->data(QStringLiteral("up/f%1.txt").arg(i)),
                  read(local(QStringLiteral("f%1.txt").arg(i))));
        const QByteArray stale
            = "stale, but somebody's " + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        write(local(QStringLiteral("stale.txt")), stale);
        SyncDialog *dialog = window->sync()->openDialog(nullptr);
        SyncOptions down = pair(true);
        down.direction = SyncOptions::Direction::Download;
        dialog->setOptions(down);
        QString asked;
        dialog->setConfirmDeletes([&](const QString &question) {
            asked = question;
            return true;
        });
        QSignalSpy planned(dialog, &SyncDialog::planReady);
        dialog->startPlanning();
        QVERIFY(planned.wait(30'000));
        QCOMPARE(rows(dialog), QStringList {QStringLiteral("Delete stale.txt")});
        QVERIFY(runDialog(dialog));
        QVERIFY2(asked.contains(u"to the trash"), qPrintable(asked));
        QVERIFY(!QFile::exists(local(QStringLiteral("stale.txt"))));
        // Where the trash is depends on the file system the file was on (freedesktop.org).
        const QStringList trashes {
            QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                + QStringLiteral("/Trash/files"),
            QStorageInfo(local()).rootPath() + QStringLiteral("/.Trash-%1/files").arg(::getuid()),
            QStorageInfo(local()).rootPath() + QStringLiteral("/.Trash/%1/files").arg(::getuid())};
        bool found = false;
        for (const QString &trash : trashes) {
            QDirIterator it(trash, {QStringLiteral("stale*.txt")}, QDir::Files);
            while (it.hasNext()) {
                const QString inTrash = it.next();
                if (read(inTrash) != stale)
                    continue;
                found = true;
                // Out of the trash again, with its description (Trash/info/<name>.trashinfo).
                QFile::remove(inTrash);
                QFile::remove(QFileInfo(inTrash).dir().filePath(
                    QStringLiteral("../info/%1.trashinfo").arg(QFileInfo(inTrash).fileName())));
            }
        }
        QVERIFY2(found, qPrintable(trashes.join(u' ')));
    }
};

QTEST_MAIN(TestSyncDialog)
#include "tst_sync_dialog.moc"
