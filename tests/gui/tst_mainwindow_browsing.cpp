// The main window, offscreen, against the in-process emulator, looking around: navigation by the
// location bar and history, copy path, the filter, the error overlay with retry, the status bar,
// settings that survive a restart and a dark palette. Changing /data from the window:
// tst_mainwindow_organizing.
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "tests/gui/MainWindowFixture.h"
#include "ui/MainWindow.h"
#include "ui/WindowActions.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/FolderOverlay.h"
#include "ui/browse/LocationBar.h"
#include "ui/browse/RemoteView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QTest>

class TestMainWindowBrowsing : public QObject, private MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void startsAtDataWithTreeAndDetails()
    {
        QCOMPARE(window->currentFolder(), RemotePath());
        QStringList names = shownNames();
        QCOMPARE(names,
                 (QStringList {QStringLiteral("datasets"), QStringLiteral("models"),
                               QStringLiteral("outputs"), QStringLiteral("README.txt")}));
        // The tree holds folders only.
        const QAbstractItemModel *tree = window->folderTree()->model();
        const QModelIndex root = tree->index(0, 0);
        QCOMPARE(root.data().toString(), QStringLiteral("/data"));
        QTRY_COMPARE(tree->rowCount(root), 3);
        QTRY_VERIFY2(window->folderStatus().contains(QStringLiteral("4 items")),
                     qPrintable(window->folderStatus()));
        QVERIFY(window->folderStatus().contains(QStringLiteral("3 folders")));
        QVERIFY(!window->actions()->up->isEnabled());
        QVERIFY(!window->actions()->rename->isEnabled()); // nothing selected
        QVERIFY(!window->actions()->remove->isEnabled());
        for (QAction *action : window->actions()->all()) {
            QVERIFY2(!action->toolTip().isEmpty(), qPrintable(action->objectName()));
            if (action == window->actions()->signOut)
                continue; // rare and not undoable: menus only (File, the account button), no key
            QVERIFY2(!action->shortcut().isEmpty(),
                     qPrintable(action->objectName() + action->shortcut().toString()));
        }
    }

    void navigatesByTheLocationBar()
    {
        LocationBar *bar = window->locationBar();
        QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
        QTRY_VERIFY(bar->isEditing());
        QLineEdit *edit = bar->lineEdit();
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("models"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(folderReady(QStringLiteral("models")));
        QCOMPARE(shownNames(),
                 (QStringList {QStringLiteral("sub"), QStringLiteral("a.safetensors"),
                               QStringLiteral("b.gguf")}));
        QVERIFY(!bar->isEditing());

        // Absolute, deeper, never listed before.
        QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("/data/models/sub"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(folderReady(QStringLiteral("models/sub")));
        QCOMPARE(shownNames(), QStringList {QStringLiteral("deep.bin")});

        // Outside /data: said plainly, and the window stays where it is.
        QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier);
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("/tmp/elsewhere"));
        QTest::keyClick(edit, Qt::Key_Return);
        QVERIFY2(bar->errorText().contains(QStringLiteral("outside /data")),
                 qPrintable(bar->errorText()));
        QCOMPARE(window->currentFolder(), p(QStringLiteral("models/sub")));

        // A folder that is not there.
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("/data/models/nope"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(bar->errorText().contains(QStringLiteral("nope")));
        QCOMPARE(window->currentFolder(), p(QStringLiteral("models/sub")));

        // A file's path opens its folder with the file selected.
        edit->selectAll();
        QTest::keyClicks(edit, QStringLiteral("/data/models/b.gguf"));
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY(folderReady(QStringLiteral("models")));
        QCOMPARE(window->detailsView()->currentIndex().data(Qt::EditRole).toString(),
                 QStringLiteral("b.gguf"));
    }

    void backForwardAndUp()
    {
        QVERIFY(open(QStringLiteral("models")));
        QVERIFY(open(QStringLiteral("models/sub")));
        QVERIFY(window->actions()->back->isEnabled());
        QTest::keyClick(window.get(), Qt::Key_Left, Qt::AltModifier);
        QTRY_COMPARE(window->currentFolder(), p(QStringLiteral("models")));
        QTest::keyClick(window.get(), Qt::Key_Left, Qt::AltModifier);
        QTRY_COMPARE(window->currentFolder(), RemotePath());
        QVERIFY(!window->actions()->back->isEnabled());
        QTest::keyClick(window.get(), Qt::Key_Right, Qt::AltModifier);
        QTRY_COMPARE(window->currentFolder(), p(QStringLiteral("models")));
        QTest::keyClick(window.get(), Qt::Key_Right, Qt::AltModifier);
        QTRY_COMPARE(window->currentFolder(), p(QStringLiteral("models/sub")));
        QTest::keyClick(window.get(), Qt::Key_Up, Qt::AltModifier);
        QTRY_COMPARE(window->currentFolder(), p(QStringLiteral("models")));
        // Choosing a folder in the tree shows it.
        const QModelIndex datasets = window->treeProxy()->mapFromSource(
            window->model()->indexForPath(p(QStringLiteral("datasets"))));
        window->folderTree()->setCurrentIndex(datasets);
        QTRY_VERIFY(folderReady(QStringLiteral("datasets")));
        QCOMPARE(window->locationBar()->path(), p(QStringLiteral("datasets")));
    }

    void copiesPathsNeverTheKey()
    {
        QVERIFY(open(QStringLiteral("models")));
        select({QStringLiteral("a.safetensors"), QStringLiteral("b.gguf")});
        QClipboard *clipboard = QGuiApplication::clipboard();
        clipboard->clear();
        QTest::keyClick(window->detailsView(), Qt::Key_C, Qt::ControlModifier);
        QTRY_COMPARE(clipboard->text(),
                     QStringLiteral("/data/models/a.safetensors\n/data/models/b.gguf"));
        window->actions()->copyPython->trigger();
        QCOMPARE(clipboard->text(),
                 QStringLiteral(R"(["/data/models/a.safetensors", "/data/models/b.gguf"])"));
        window->actions()->copyUrlPath->trigger();
        QCOMPARE(clipboard->text(),
                 QStringLiteral("/files/file/models/a.safetensors\n/files/file/models/b.gguf"));
        select({QStringLiteral("b.gguf")});
        window->actions()->copyPython->trigger();
        QCOMPARE(clipboard->text(), QStringLiteral(R"("/data/models/b.gguf")"));
        const QString secret = f->server().key().section(QLatin1Char(':'), 1);
        QVERIFY(!clipboard->text().contains(secret));
        // Nothing selected: the folder itself.
        window->detailsView()->selectionModel()->clearSelection();
        window->actions()->copyPath->trigger();
        QCOMPARE(clipboard->text(), QStringLiteral("/data/models"));
    }

    // A big folder is filtered and sorted by a worker: until its order lands the status bar
    // says so, rather than counting the rows still shown as the answer.
    void theStatusSaysWhileAWorkerFiltersOrSorts()
    {
        QVERIFY(open(QStringLiteral("models")));
        window->detailsProxy()->setAsyncThreshold(0);
        window->detailsProxy()->holdArranging(true);
        window->filterBox()->setText(QStringLiteral("gguf"));
        QVERIFY(window->detailsProxy()->isArranging());
        QTRY_VERIFY2(window->folderStatus().endsWith(QStringLiteral(", filtering…")),
                     qPrintable(window->folderStatus()));
        QCOMPARE(shownNames().size(), 3); // the old rows until the order lands
        window->detailsProxy()->holdArranging(false);
        QTRY_COMPARE(shownNames(), QStringList {QStringLiteral("b.gguf")});
        QTRY_VERIFY2(window->folderStatus().startsWith(QStringLiteral("1 of 3")),
                     qPrintable(window->folderStatus()));
        window->filterBox()->clear();
        QTRY_COMPARE(shownNames().size(), 3);
        window->detailsProxy()->holdArranging(true);
        window->detailsView()->sortByColumn(RemoteTreeModel::SizeColumn, Qt::DescendingOrder);
        QVERIFY(window->detailsProxy()->isArranging());
        QTRY_VERIFY2(window->folderStatus().endsWith(QStringLiteral(", sorting…")),
                     qPrintable(window->folderStatus()));
        window->detailsProxy()->holdArranging(false);
        QTRY_VERIFY(!window->detailsProxy()->isArranging());
        QTRY_VERIFY2(!window->folderStatus().contains(QStringLiteral("sorting")),
                     qPrintable(window->folderStatus()));
    }

    // Up, or back to a folder above, makes the folder just left the current row.
    void goingUpSelectsTheFolderLeft()
    {
        QVERIFY(open(QStringLiteral("models/sub")));
        window->actions()->up->trigger();
        QTRY_VERIFY(folderReady(QStringLiteral("models")));
        const QModelIndex current = window->detailsView()->currentIndex();
        QCOMPARE(current.siblingAtColumn(0).data(Qt::EditRole).toString(), QStringLiteral("sub"));
        QVERIFY(window->detailsView()->selectionModel()->isRowSelected(current.row(), {}));
        window->actions()->up->trigger();
        QTRY_VERIFY(folderReady(QStringLiteral("/data")));
        QCOMPARE(window->detailsView()->currentIndex().siblingAtColumn(0).data(Qt::EditRole),
                 QVariant(QStringLiteral("models")));
        window->actions()->back->trigger(); // back to models: nothing below it was left
        QTRY_VERIFY(folderReady(QStringLiteral("models")));
        QVERIFY(window->detailsView()->selectionModel()->selectedRows().isEmpty());
        QVERIFY(open(QStringLiteral("models/sub")));
        QVERIFY(open(QStringLiteral("datasets")));
        QVERIFY(open(QStringLiteral("models/sub")));
        window->actions()->back->trigger(); // to datasets: not above sub, nothing selected
        QTRY_VERIFY(folderReady(QStringLiteral("datasets")));
        QVERIFY(window->detailsView()->selectionModel()->selectedRows().isEmpty());
    }

    void filtersTheFolderOnly()
    {
        QVERIFY(open(QStringLiteral("models")));
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(window->filterBox()->hasFocus());
        QTest::keyClicks(window->filterBox(), QStringLiteral("gguf"));
        QTRY_COMPARE(shownNames(), QStringList {QStringLiteral("b.gguf")});
        // The counts in brackets are the folder's, and say so.
        QTRY_VERIFY2(window->folderStatus().startsWith(
                         QStringLiteral("1 of 3 items shown (in all: 1 folder, 2 files, ")),
                     qPrintable(window->folderStatus()));
        // The tree keeps every folder.
        QVERIFY(window->treeProxy()
                    ->mapFromSource(window->model()->indexForPath(p(QStringLiteral("datasets"))))
                    .isValid());
        window->filterBox()->setText(QStringLiteral("zzz"));
        QTRY_COMPARE(window->detailsView()->overlay()->state(), FolderOverlay::State::NoMatch);
        window->filterBox()->clear();
        QTRY_COMPARE(shownNames().size(), 3);
    }

    void errorsShowWithRetry()
    {
        RetryPolicy once = f->client()->retryPolicy();
        once.maxAttempts = 1;
        f->client()->setRetryPolicy(once);
        fal::emulator::FaultOptions faults;
        faults.errorRate = 1.0;
        f->server().setFaults(faults);
        window->navigateTo(
            p(QStringLiteral("datasets"))); // listed as a row of /data; not opened yet
        FolderOverlay *overlay = window->detailsView()->overlay();
        QTRY_COMPARE(overlay->state(), FolderOverlay::State::Failed);
        QVERIFY2(overlay->text().contains(QStringLiteral("503")), qPrintable(overlay->text()));
        f->server().setFaults({});
        overlay->retryRequested();
        QTRY_VERIFY(folderReady(QStringLiteral("datasets")));
        // The overlay follows the model on the window's 30 ms status timer.
        QTRY_COMPARE(overlay->state(), FolderOverlay::State::Hidden);
        QCOMPARE(shownNames(), QStringList {QStringLiteral("train.jsonl")});
    }

    void statusBarCountsFolderAndSelection()
    {
        QVERIFY(open(QStringLiteral("models")));
        QTRY_VERIFY(
            window->folderStatus().startsWith(QStringLiteral("3 items (1 folder, 2 files)")));
        QVERIFY2(window->folderStatus().contains(QStringLiteral("3.0 KiB")),
                 qPrintable(window->folderStatus()));
        select({QStringLiteral("a.safetensors")});
        QTRY_VERIFY2(window->selectionStatus().contains(QStringLiteral("1 selected, 2.0 KiB")),
                     qPrintable(window->selectionStatus()));
        // Once sub/ is measured (1 byte in deep.bin), the folder's size is all of it, and a
        // selected folder counts with its size rather than "in files".
        QTRY_VERIFY2(window->folderStatus().endsWith(QStringLiteral(", 3.0 KiB"))
                         && window->model()->isSizeKnown(
                             window->model()->indexForPath(p(QStringLiteral("models/sub")))),
                     qPrintable(window->folderStatus()));
        QCOMPARE(
            *window->model()->totalSize(window->model()->indexForPath(p(QStringLiteral("models")))),
            2048 + 1024 + 1);
        select({QStringLiteral("sub"), QStringLiteral("b.gguf")});
        QTRY_VERIFY2(window->selectionStatus().contains(QStringLiteral("2 selected, 1.0 KiB")),
                     qPrintable(window->selectionStatus()));
        QVERIFY2(!window->selectionStatus().contains(QStringLiteral("in files")),
                 qPrintable(window->selectionStatus()));
    }

    void remembersFolderAndColumns()
    {
        QVERIFY(open(QStringLiteral("models/sub")));
        window->detailsView()->header()->resizeSection(RemoteTreeModel::SizeColumn, 177);
        window->resize(900, 640);
        window->close();
        window.reset();
        makeWindow();
        QCOMPARE(window->detailsView()->header()->sectionSize(RemoteTreeModel::SizeColumn), 177);
        window->restoreLastFolder();
        QTRY_VERIFY(folderReady(QStringLiteral("models/sub")));
    }

    void followsADarkPalette()
    {
        QVERIFY(open(QStringLiteral("models")));
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x20, 0x23, 0x26));
        dark.setColor(QPalette::WindowText, QColor(0xfc, 0xfc, 0xfc));
        dark.setColor(QPalette::Base, QColor(0x14, 0x16, 0x18));
        dark.setColor(QPalette::AlternateBase, QColor(0x1d, 0x1f, 0x22));
        dark.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
        dark.setColor(QPalette::Button, QColor(0x29, 0x2c, 0x30));
        dark.setColor(QPalette::ButtonText, QColor(0xfc, 0xfc, 0xfc));
        dark.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
        QApplication::setPalette(dark);
        QTRY_COMPARE(QIcon::themeName(), QStringLiteral("breeze-dark"));
        QTRY_VERIFY(!window->model()->isBusy());
        // The status bar and overlay follow within a few tens of ms.
        QTRY_COMPARE(window->detailsView()->overlay()->state(), FolderOverlay::State::Hidden);
        const QImage image = window->grab().toImage();
        image.save(QDir::current().filePath(QStringLiteral("tst_mainwindow-dark.png")));
        const QPoint inDetails = window->detailsView()->viewport()->mapTo(
            window.get(), QPoint(5, window->detailsView()->viewport()->height() - 5));
        QVERIFY2(image.pixelColor(inDetails).lightness() < 60,
                 "the details view follows the dark palette");
        QVERIFY(!FileIconProvider::icon(FileKind::Folder).isNull());
        QApplication::setPalette(light);
        QTRY_COMPARE(QIcon::themeName(), QStringLiteral("breeze"));
    }
};

QTEST_MAIN(TestMainWindowBrowsing)
#include "tst_mainwindow_browsing.moc"
