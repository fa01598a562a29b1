// The mouse and F2 on items, as in Dolphin: a plain click on one item of several selects it alone
// (and renames nothing), rename in place starts by F2 or a slow second click on the one selected
// item, never by a double click, and selects the name without its extension; a right click in
// the folder tree opens that folder's menu without going there. Real events through QTest,
// offscreen, on the positions the views draw the items at.
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "tests/gui/MainWindowFixture.h"
#include "ui/MainWindow.h"
#include "ui/WindowActions.h"
#include "ui/browse/RemoteView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QLineEdit>
#include <QMenu>
#include <QStyleHints>
#include <QTest>

class TestClickSelection : public QObject, private MainWindowFixture
{
    Q_OBJECT

    // On the name's text, where a person clicks to rename (the cell's centre may be past it).
    QPoint centreOf(const QString &name) const
    {
        const QRect cell = window->detailsView()->visualRect(shown(name));
        return QPoint(cell.left() + 30, cell.center().y());
    }
    void click(const QString &name, Qt::KeyboardModifiers modifiers = {})
    {
        QVERIFY2(shown(name).isValid(), qPrintable(name));
        QTest::mouseClick(window->detailsView()->viewport(), Qt::LeftButton, modifiers,
                          centreOf(name));
    }
    QStringList selectedNames() const
    {
        QStringList names;
        for (const FileSpec &item : window->selectedItems())
            names << item.name;
        names.sort();
        return names;
    }
    QLineEdit *editor() const { return window->detailsView()->findChild<QLineEdit *>(); }
    // Longer than a double click and the slow click's own wait.
    static void waitOutDoubleClick()
    {
        QTest::qWait(QGuiApplication::styleHints()->mouseDoubleClickInterval() + 150);
    }

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init()
    {
        setUp();
        put(QStringLiteral("models/.env"), "KEY=1");
        put(QStringLiteral("models/data.tar.gz"), "tgz");
        QVERIFY(open(QStringLiteral("/data/models")));
        window->detailsView()->setFocus();
        QTRY_VERIFY(window->detailsView()->hasFocus());
    }
    void cleanup() { tearDown(); }

    void aPlainClickOnOneOfSeveralSelectsItAlone()
    {
        click(QStringLiteral("a.safetensors"));
        click(QStringLiteral("b.gguf"), Qt::ControlModifier);
        QCOMPARE(selectedNames(),
                 (QStringList {QStringLiteral("a.safetensors"), QStringLiteral("b.gguf")}));
        click(QStringLiteral("a.safetensors"));
        QCOMPARE(selectedNames(), QStringList {QStringLiteral("a.safetensors")});
        waitOutDoubleClick();
        QVERIFY(!editor()); // no rename started by that click
        QCOMPARE(selectedNames(), QStringList {QStringLiteral("a.safetensors")});
        QVERIFY(window->actions()->download->isEnabled()); // and Ctrl+D now means this one
    }

    void aSlowSecondClickOnTheSelectedItemRenames()
    {
        click(QStringLiteral("a.safetensors"));
        waitOutDoubleClick();
        QVERIFY(!editor()); // the first click only selects
        click(QStringLiteral("a.safetensors"));
        QTRY_VERIFY(editor());
        QCOMPARE(editor()->selectedText(), QStringLiteral("a"));
        QTest::keyClick(editor(), Qt::Key_Escape);
        QTRY_VERIFY(!editor());
    }

    // A second click on the selected row's size, date or type, or past the end of its name,
    // only selects: renaming by accident while clicking around is what Dolphin avoids.
    void aSlowClickAwayFromTheNameDoesNotRename()
    {
        click(QStringLiteral("a.safetensors"));
        waitOutDoubleClick();
        const QModelIndex size
            = shown(QStringLiteral("a.safetensors")).siblingAtColumn(RemoteTreeModel::SizeColumn);
        QTest::mouseClick(window->detailsView()->viewport(), Qt::LeftButton, {},
                          window->detailsView()->visualRect(size).center());
        waitOutDoubleClick();
        QVERIFY(!editor());
        const QRect name
            = window->detailsView()->visualRect(shown(QStringLiteral("a.safetensors")));
        QTest::mouseClick(window->detailsView()->viewport(), Qt::LeftButton, {},
                          QPoint(name.right() - 5, name.center().y()));
        waitOutDoubleClick();
        QVERIFY(!editor());
        QCOMPARE(selectedNames(), QStringList {QStringLiteral("a.safetensors")});
    }

    void aDoubleClickDoesNotRename()
    {
        click(QStringLiteral("sub"));
        waitOutDoubleClick();
        QTest::mouseDClick(window->detailsView()->viewport(), Qt::LeftButton, {},
                           centreOf(QStringLiteral("sub")));
        QTRY_VERIFY(folderReady(QStringLiteral("/data/models/sub")));
        waitOutDoubleClick();
        QVERIFY(!editor());
    }

    void f2SelectsTheNameWithoutItsExtension_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("selected");
        QTest::newRow("file") << QStringLiteral("a.safetensors") << QStringLiteral("a");
        QTest::newRow("folder") << QStringLiteral("sub") << QStringLiteral("sub");
        QTest::newRow("dot-file") << QStringLiteral(".env") << QStringLiteral(".env");
        QTest::newRow("double extension")
            << QStringLiteral("data.tar.gz") << QStringLiteral("data");
    }
    void f2SelectsTheNameWithoutItsExtension()
    {
        QFETCH(QString, name);
        QFETCH(QString, selected);
        click(name);
        QCOMPARE(selectedNames(), QStringList {name});
        QTest::keyClick(window->detailsView(), Qt::Key_F2);
        QTRY_VERIFY(editor());
        QCOMPARE(editor()->text(), name);
        QCOMPARE(editor()->selectedText(), selected);
        // Typing replaces just that part.
        QTest::keyClicks(editor(), QStringLiteral("renamed"));
        QCOMPARE(editor()->text(),
                 QString(name).replace(0, selected.size(), QStringLiteral("renamed")));
        QTest::keyClick(editor(), Qt::Key_Escape);
    }

    void aRightClickInTheTreeOpensTheFolderMenuWithoutGoingThere()
    {
        RemoteView *tree = window->folderTree();
        const QModelIndex datasets = window->treeProxy()->mapFromSource(
            window->model()->indexForPath(p(QStringLiteral("/data/datasets"))));
        QVERIFY(datasets.isValid());
        tree->scrollTo(datasets);
        const QPoint at = tree->visualRect(datasets).center();
        QTest::mouseClick(tree->viewport(), Qt::RightButton, {}, at);
        QCOMPARE(window->currentFolder(), p(QStringLiteral("/data/models"))); // the press
        // The context menu event a window system sends with the press (QTest's widget events
        // do not go through one).
        QContextMenuEvent request(QContextMenuEvent::Mouse, at, tree->viewport()->mapToGlobal(at));
        QApplication::sendEvent(tree->viewport(), &request);
        QTRY_VERIFY(qobject_cast<QMenu *>(QApplication::activePopupWidget()));
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        QCOMPARE(window->currentFolder(), p(QStringLiteral("/data/models"))); // still here
        QVERIFY(menu->actions().contains(window->actions()->copyPath));
        QVERIFY(window->actions()->rename->isEnabled()); // about datasets, one folder
        // What the menu does is about the folder clicked.
        QApplication::clipboard()->clear();
        QTest::mouseClick(menu, Qt::LeftButton, {},
                          menu->actionGeometry(window->actions()->copyPath).center());
        QTRY_COMPARE(QApplication::clipboard()->text(), QStringLiteral("/data/datasets"));
        QTRY_VERIFY(!QApplication::activePopupWidget());
        QCOMPARE(window->currentFolder(), p(QStringLiteral("/data/models")));
        QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("models"));
    }

    void baseNames()
    {
        QCOMPARE(RemoteView::baseNameLength(QStringLiteral("model.safetensors"), false), 5);
        QCOMPARE(RemoteView::baseNameLength(QStringLiteral("my.folder"), true), 9);
        QCOMPARE(RemoteView::baseNameLength(QStringLiteral(".env"), false), 4);
        QCOMPARE(RemoteView::baseNameLength(QStringLiteral("README"), false), 6);
        QCOMPARE(RemoteView::baseNameLength(QStringLiteral("x.tar.gz"), false), 1);
    }
};

QTEST_MAIN(TestClickSelection)
#include "tst_click_selection.moc"
