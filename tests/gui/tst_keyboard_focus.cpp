// The keyboard in the main window, as a Dolphin user expects it: one key for the transfers dock
// said the same everywhere, the status bar's transfer summary opening the dock, Tab going round
// the places of the window, the location bar (focus back to the files after Enter or Esc, folder
// names completed, listed on demand), Backspace going back, Esc clearing the filter and a new
// folder starting unfiltered. Real key and mouse events through QTest, offscreen.
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "tests/gui/MainWindowFixture.h"
#include "ui/MainWindow.h"
#include "ui/WindowActions.h"
#include "ui/browse/LocationBar.h"
#include "ui/browse/RemoteView.h"
#include "ui/transfers/TransferStatusWidget.h"
#include "ui/transfers/TransfersDock.h"

#include <QAbstractItemView>
#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QLineEdit>
#include <QTest>
#include <QTreeView>

class TestKeyboardFocus : public QObject, private MainWindowFixture
{
    Q_OBJECT

    TransfersDock *dock() const { return window->transfersDock(); }
    static QWidget *focused() { return QApplication::focusWidget(); }
    static QString nameOf(const QWidget *widget)
    {
        return widget ? widget->objectName() + QLatin1Char('/')
                + QString::fromLatin1(widget->metaObject()->className())
                      : QStringLiteral("nothing");
    }
    void typeLocation(const QString &text)
    {
        QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
        QLineEdit *edit = window->locationBar()->lineEdit();
        QTRY_VERIFY(edit->hasFocus());
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    QStringList completions() const
    {
        QStringList list;
        QCompleter *completer = window->locationBar()->lineEdit()->completer();
        for (int row = 0; row < completer->completionModel()->rowCount(); ++row)
            list << completer->completionModel()->index(row, 0).data().toString();
        return list;
    }

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void transfersDockKeyIsTheOneEveryTooltipSays()
    {
        QVERIFY(dock());
        const QString key = TransfersDock::toggleKey().toString(QKeySequence::NativeText);
        QCOMPARE(key, QStringLiteral("Ctrl+Shift+T"));
        QCOMPARE(dock()->toggleViewAction()->shortcut(), TransfersDock::toggleKey());
        QVERIFY(dock()->toggleViewAction()->toolTip().contains(key));
        auto *summary = window->findChild<TransferStatusWidget *>();
        QVERIFY(summary);
        QVERIFY2(summary->toolTip().contains(key), qPrintable(summary->toolTip()));
        QVERIFY(dock()->isVisible());
        window->detailsView()->setFocus();
        QTest::keyClick(window->detailsView(), Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(!dock()->isVisible());
        QTest::keyClick(window->detailsView(), Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(dock()->isVisible());
    }

    void clickOnTheTransferSummaryShowsAndFocusesTheDock()
    {
        dock()->hide();
        auto *summary = window->findChild<TransferStatusWidget *>();
        QVERIFY(summary);
        summary->show(); // it shows itself only while something moves
        QTRY_VERIFY(summary->isVisible());
        QTest::mouseClick(summary, Qt::LeftButton, {}, summary->rect().center());
        QTRY_VERIFY(dock()->isVisible());
        QTRY_VERIFY2(dock()->view()->hasFocus(), qPrintable(nameOf(focused())));
    }

    void tabGoesRoundThePlacesAndBack()
    {
        QVERIFY(dock()->isVisible());
        const QList<QWidget *> places
            = {window->folderTree(), window->detailsView(), window->locationBar()->lineEdit(),
               window->filterBox(), dock()->view()};
        window->folderTree()->setFocus();
        QTRY_VERIFY(window->folderTree()->hasFocus());
        for (int step = 1; step <= places.size(); ++step) {
            QTest::keyClick(focused(), Qt::Key_Tab);
            QWidget *expected = places.at(step % places.size());
            QTRY_VERIFY2(
                expected->hasFocus(),
                qPrintable(QStringLiteral("step %1: %2").arg(step).arg(nameOf(focused()))));
        }
        QVERIFY(!window->locationBar()->isEditing()); // left behind as a breadcrumb again
        for (int step = places.size() - 1; step >= 0; --step) {
            QTest::keyClick(focused(), Qt::Key_Tab, Qt::ShiftModifier);
            QTRY_VERIFY2(
                places.at(step)->hasFocus(),
                qPrintable(QStringLiteral("back %1: %2").arg(step).arg(nameOf(focused()))));
        }
        // Without the dock the round is one place shorter.
        dock()->hide();
        window->filterBox()->setFocus();
        QTRY_VERIFY(window->filterBox()->hasFocus());
        QTest::keyClick(focused(), Qt::Key_Tab);
        QTRY_VERIFY(window->folderTree()->hasFocus());
    }

    void enterInTheLocationBarGivesTheKeysBackToTheFiles()
    {
        typeLocation(QStringLiteral("/data/models"));
        QTest::keyClick(window->locationBar()->lineEdit(), Qt::Key_Return);
        QTRY_VERIFY(folderReady(QStringLiteral("/data/models")));
        QTRY_VERIFY2(window->detailsView()->hasFocus(), qPrintable(nameOf(focused())));
        QVERIFY(!window->locationBar()->isEditing());
        // Space used to press the "/data" crumb that had the focus.
        QTest::keyClick(focused(), Qt::Key_Space);
        QCoreApplication::processEvents(); // a navigation the key queued would have run
        QCOMPARE(window->currentFolder(), p(QStringLiteral("/data/models")));
    }

    void escInTheLocationBarRestoresTheBreadcrumb()
    {
        typeLocation(QStringLiteral("/data/outp"));
        QCompleter *completer = window->locationBar()->lineEdit()->completer();
        QTRY_VERIFY(completer->popup()->isVisible());
        QTest::keyClick(completer->popup(), Qt::Key_Escape); // the completions first
        QTRY_VERIFY(!completer->popup()->isVisible());
        QVERIFY(window->locationBar()->isEditing());
        QTest::keyClick(window->locationBar()->lineEdit(), Qt::Key_Escape);
        QTRY_VERIFY(!window->locationBar()->isEditing());
        QTRY_VERIFY2(window->detailsView()->hasFocus(), qPrintable(nameOf(focused())));
        QCOMPARE(window->currentFolder(), RemotePath());
    }

    void theLocationBarCompletesFolderNamesListingOnDemand()
    {
        put(QStringLiteral("outputs/run1/img.png"), "png");
        put(QStringLiteral("outputs/run2/img.png"), "png");
        typeLocation(QStringLiteral("/data/mo"));
        QCompleter *completer = window->locationBar()->lineEdit()->completer();
        QVERIFY(completer);
        QTRY_VERIFY(completer->popup()->isVisible());
        QCOMPARE(completions(), QStringList {QStringLiteral("/data/models")});
        // /data/outputs has not been listed: typing its path lists it.
        QVERIFY(!window->model()
                     ->indexForPath(p(QStringLiteral("/data/outputs")))
                     .data(RemoteTreeModel::ListedRole)
                     .toBool());
        QTest::keyClick(completer->popup(), Qt::Key_Escape); // the popup only
        QTRY_VERIFY(!completer->popup()->isVisible());
        QVERIFY(window->locationBar()->isEditing());
        window->locationBar()->lineEdit()->clear();
        QTest::keyClicks(window->locationBar()->lineEdit(), QStringLiteral("/data/outputs/r"));
        QTRY_COMPARE(completions(),
                     (QStringList {QStringLiteral("/data/outputs/run1"),
                                   QStringLiteral("/data/outputs/run2")}));
        QTRY_VERIFY(completer->popup()->isVisible());
        // Relative paths complete relative.
        window->locationBar()->lineEdit()->clear();
        QTest::keyClicks(window->locationBar()->lineEdit(), QStringLiteral("outputs/run2"));
        QTRY_COMPARE(completions(), QStringList {QStringLiteral("outputs/run2")});
        // A choice taken with the keys goes there.
        QTest::keyClick(completer->popup(), Qt::Key_Down);
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QTRY_VERIFY(folderReady(QStringLiteral("/data/outputs/run2")));
        // The window's focus child: the offscreen platform does not make the window active again
        // after the popup closes (a window manager does).
        QTRY_COMPARE(window->focusWidget(), window->detailsView());
    }

    void backspaceGoesBackExceptInTextFields()
    {
        QVERIFY(open(QStringLiteral("/data/models")));
        window->detailsView()->setFocus();
        QTRY_VERIFY(window->detailsView()->hasFocus());
        QTest::keyClick(window->detailsView(), Qt::Key_Backspace);
        QTRY_VERIFY(folderReady(QStringLiteral("/data")));
        QVERIFY(window->actions()->back->toolTip().contains(QStringLiteral("Backspace")));

        QVERIFY(open(QStringLiteral("/data/models")));
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(window->filterBox()->hasFocus());
        QTest::keyClicks(window->filterBox(), QStringLiteral("ab"));
        QTest::keyClick(window->filterBox(), Qt::Key_Backspace);
        QCOMPARE(window->filterBox()->text(), QStringLiteral("a"));
        typeLocation(QStringLiteral("/data/xy"));
        QTest::keyClick(window->locationBar()->lineEdit(), Qt::Key_Backspace);
        QCOMPARE(window->locationBar()->lineEdit()->text(), QStringLiteral("/data/x"));
        QCoreApplication::processEvents(); // a navigation the key queued would have run
        QCOMPARE(window->currentFolder(), p(QStringLiteral("/data/models")));
    }

    void escClearsAndLeavesTheFilter()
    {
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(window->filterBox()->hasFocus());
        QTest::keyClicks(window->filterBox(), QStringLiteral("READ"));
        QTRY_COMPARE(shownNames(), QStringList {QStringLiteral("README.txt")});
        QTest::keyClick(window->filterBox(), Qt::Key_Escape);
        QVERIFY(window->filterBox()->text().isEmpty());
        QTRY_COMPARE(shownNames().size(), 4);
        QTRY_VERIFY2(window->detailsView()->hasFocus(), qPrintable(nameOf(focused())));
    }

    void aNewFolderStartsUnfiltered()
    {
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTest::keyClicks(window->filterBox(), QStringLiteral("mod"));
        QTRY_COMPARE(shownNames(), QStringList {QStringLiteral("models")});
        window->detailsView()->setFocus();
        window->detailsView()->setCurrentIndex(shown(QStringLiteral("models")));
        QTest::keyClick(window->detailsView(), Qt::Key_Return);
        QTRY_VERIFY(folderReady(QStringLiteral("/data/models")));
        QVERIFY(window->filterBox()->text().isEmpty());
        QTRY_COMPARE(shownNames().size(), 3); // sub, a.safetensors, b.gguf
    }
};

QTEST_MAIN(TestKeyboardFocus)
#include "tst_keyboard_focus.moc"
