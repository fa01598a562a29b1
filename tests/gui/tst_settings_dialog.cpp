// The settings dialog through real events: Ctrl+, opens it over the main window, values typed
// and clicked in it reach the running engine (read back on the engine's thread) and QSettings
// when OK is pressed, Cancel changes nothing, and Settings → Configure fal Files… is the same
// action. The limits' effect on transfers is tst_bandwidth_limit's; here only that they arrive.
#include "network/transfer/TransferService.h"
#include "tests/gui/ScriptedOrganizeQuestions.h"
#include "tests/support/ClientFixture.h"
#include "ui/MainWindow.h"
#include "ui/SettingsDialog.h"
#include "ui/TransferSettings.h"
#include "ui/browse/RemoteView.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>

namespace {
constexpr qint64 kMiB = 1024 * 1024;

void clearSettings()
{
    QSettings().remove(QStringLiteral("transfers"));
}
} // namespace

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<TransferService> transfers;
    std::unique_ptr<MainWindow> window;
    ScriptedOrganizeQuestions questions;

    SettingsDialog *openWithKeys()
    {
        QTest::keyClick(window->detailsView(), Qt::Key_Comma, Qt::ControlModifier);
        SettingsDialog *dialog = nullptr;
        QTest::qWaitFor(
            [&] {
                dialog = window->findChild<SettingsDialog *>();
                return dialog && dialog->isVisible();
            },
            5000);
        return dialog;
    }
    static void typeInto(QWidget *box, const QString &text)
    {
        box->setFocus();
        QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(box, text);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        clearSettings();
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        TransferService::Settings settings;
        settings.endpoint = f->client()->endpoint();
        settings.credentials = f->client()->credentials();
        transfers = std::make_unique<TransferService>(settings);
        window = std::make_unique<MainWindow>(f->client(), transfers.get());
        window->setOrganizeQuestions(&questions);
        window->show();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        window->detailsView()->setFocus();
    }
    void cleanup()
    {
        window.reset();
        transfers.reset();
        f.reset();
        clearSettings();
    }

    void ctrlCommaOpensItAndOkReachesTheEngine()
    {
        const auto before = transfers->engineSettings();
        QCOMPARE(before.uploadBytesPerSecond, qint64(0));
        QCOMPARE(before.packing, true);

        QPointer<SettingsDialog> dialog = openWithKeys();
        QVERIFY(dialog);
        auto *files = dialog->findChild<QSpinBox *>(QStringLiteral("filesInFlight"));
        QVERIFY(files);
        typeInto(files, QStringLiteral("5"));
        QTest::mouseClick(dialog->findChild<QCheckBox *>(QStringLiteral("limitUploads")),
                          Qt::LeftButton);
        typeInto(dialog->findChild<QDoubleSpinBox *>(QStringLiteral("uploadRate")),
                 QStringLiteral("2"));
        QTest::mouseClick(dialog->findChild<QCheckBox *>(QStringLiteral("limitDownloads")),
                          Qt::LeftButton);
        typeInto(dialog->findChild<QDoubleSpinBox *>(QStringLiteral("downloadRate")),
                 QStringLiteral("512"));
        auto *unit = dialog->findChild<QComboBox *>(QStringLiteral("downloadUnit"));
        unit->setFocus();
        QTest::keyClick(unit, Qt::Key_Up); // MiB/s -> KiB/s
        QCOMPARE(unit->currentText(), QStringLiteral("KiB/s"));
        typeInto(dialog->findChild<QLineEdit *>(QStringLiteral("downloadFolder")), f->root());
        QTest::mouseClick(dialog->findChild<QCheckBox *>(QStringLiteral("packSmallFiles")),
                          Qt::LeftButton);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok),
                          Qt::LeftButton);

        QTRY_VERIFY(!dialog || !dialog->isVisible());
        const auto after = transfers->engineSettings();
        QCOMPARE(after.maxFilesInFlight, 5);
        QCOMPARE(after.uploadBytesPerSecond, 2 * kMiB);
        QCOMPARE(after.downloadBytesPerSecond, qint64(512 * 1024));
        QCOMPARE(after.packing, false);
        const TransferSettings saved = TransferSettings::load(); // and at the next start
        QCOMPARE(saved.filesInFlight, 5);
        QCOMPARE(saved.uploadBytesPerSecond, 2 * kMiB);
        QCOMPARE(saved.downloadBytesPerSecond, qint64(512 * 1024));
        QCOMPARE(saved.downloadFolder, f->root());
        QCOMPARE(saved.packSmallFiles, false);
        QCOMPARE(TransferSettings::downloadFolderOr(QStringLiteral("/elsewhere")), f->root());

        // Opened again, it shows what was saved; unchecking a limit lifts it.
        dialog = openWithKeys();
        QVERIFY(dialog);
        auto *limitUploads = dialog->findChild<QCheckBox *>(QStringLiteral("limitUploads"));
        QVERIFY(limitUploads->isChecked());
        QCOMPARE(dialog->findChild<QDoubleSpinBox *>(QStringLiteral("uploadRate"))->value(), 2.0);
        QTest::mouseClick(limitUploads, Qt::LeftButton);
        QTest::keyClick(dialog, Qt::Key_Return);
        QTRY_VERIFY(!dialog || !dialog->isVisible());
        QCOMPARE(transfers->engineSettings().uploadBytesPerSecond, qint64(0));
        QCOMPARE(transfers->engineSettings().downloadBytesPerSecond, qint64(512 * 1024));
    }

    void cancelChangesNothing()
    {
        QPointer<SettingsDialog> dialog = openWithKeys();
        QVERIFY(dialog);
        QTest::mouseClick(dialog->findChild<QCheckBox *>(QStringLiteral("limitUploads")),
                          Qt::LeftButton);
        QTest::keyClick(dialog, Qt::Key_Escape);
        QTRY_VERIFY(!dialog || !dialog->isVisible());
        QCOMPARE(transfers->engineSettings().uploadBytesPerSecond, qint64(0));
        QVERIFY(!QSettings().contains(QStringLiteral("transfers/uploadBytesPerSecond")));
    }

    void theSettingsMenuHasIt()
    {
        QAction *found = nullptr;
        for (QAction *menu : window->menuBar()->actions()) {
            if (menu->text() != QLatin1String("&Settings") || !menu->menu())
                continue;
            for (QAction *action : menu->menu()->actions()) {
                if (action->text().startsWith(QLatin1String("&Configure fal Files")))
                    found = action;
            }
        }
        QVERIFY(found);
        QCOMPARE(found->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Comma));
        found->trigger();
        QTRY_VERIFY(window->findChild<SettingsDialog *>()
                    && window->findChild<SettingsDialog *>()->isVisible());
        window->findChild<SettingsDialog *>()->reject();
    }
};

QTEST_MAIN(TestSettingsDialog)
#include "tst_settings_dialog.moc"
