// The main window, offscreen, against the in-process emulator: navigation by the location bar
// and history, rename with F2, move by a simulated drop, delete with the confirmation accepted
// and refused, conflicts, copy path, new folder, desktop drops becoming uploads, the filter, the
// error overlay, settings that survive a restart and a dark palette.
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "network/transfer/TransferService.h"
#include "tests/gui/ScriptedOrganizeQuestions.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/StaticHttpServer.h"
#include "ui/MainWindow.h"
#include "ui/WindowActions.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/FolderOverlay.h"
#include "ui/browse/ImportUrlDialog.h"
#include "ui/browse/LocationBar.h"
#include "ui/browse/OrganizeController.h"
#include "ui/browse/RemoteView.h"
#include "ui/transfers/TransferActions.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<TransferService> transfers;
    std::unique_ptr<MainWindow> window;
    ScriptedOrganizeQuestions questions;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;

    void put(const QString &relative, const QByteArray &bytes = "x")
    {
        QDir().mkpath(QFileInfo(f->data(relative)).absolutePath());
        QFile file(f->data(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    bool exists(const QString &relative) const { return QFileInfo::exists(f->data(relative)); }
    static RemotePath p(const QString &text) { return *RemotePath::parse(text); }

    void makeWindow()
    {
        window = std::make_unique<MainWindow>(f->client(), transfers.get());
        window->setOrganizeQuestions(&questions);
        window->transfers()->setRefreshDelayMs(20);
        testers.clear();
        for (QAbstractItemModel *m : std::initializer_list<QAbstractItemModel *> {
                 window->model(), window->treeProxy(), window->detailsProxy()})
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                m, QAbstractItemModelTester::FailureReportingMode::QtTest));
        window->show();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
    }
    // Shows a folder and waits until all its rows are in.
    bool open(const QString &path)
    {
        window->navigateTo(p(path));
        return QTest::qWaitFor([&] { return folderReady(path); }, 10'000);
    }
    bool folderReady(const QString &path) const
    {
        const QModelIndex index = window->model()->indexForPath(p(path));
        return window->currentFolder() == p(path)
            && index.data(RemoteTreeModel::ListedRole).toBool()
            && !index.data(RemoteTreeModel::LoadingRole).toBool();
    }
    QStringList shownNames() const
    {
        QStringList names;
        const QAbstractItemModel *m = window->detailsView()->model();
        const QModelIndex root = window->detailsView()->rootIndex();
        for (int row = 0; row < m->rowCount(root); ++row)
            names << m->index(row, 0, root).data(Qt::EditRole).toString();
        return names;
    }
    QModelIndex shown(const QString &name) const
    {
        const QAbstractItemModel *m = window->detailsView()->model();
        const QModelIndex root = window->detailsView()->rootIndex();
        for (int row = 0; row < m->rowCount(root); ++row) {
            if (m->index(row, 0, root).data(Qt::EditRole).toString() == name)
                return m->index(row, 0, root);
        }
        return {};
    }
    void select(const QStringList &names)
    {
        QAbstractItemView *view = window->detailsView();
        view->setFocus();
        view->selectionModel()->clearSelection();
        for (const QString &name : names) {
            const QModelIndex index = shown(name);
            QVERIFY2(index.isValid(), qPrintable(name));
            view->selectionModel()->select(index,
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
            view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::NoUpdate);
        }
    }
    bool idle() const { return !window->organizer()->isBusy(); }
    // A drag arriving over `view` at `pos`, then the drop; true when the view took it.
    static bool drop(QAbstractItemView *view, QMimeData *mime, const QPoint &pos,
                     Qt::DropActions actions, Qt::DropAction action)
    {
        QDragEnterEvent enter(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        QDragMoveEvent move(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
        move.setDropAction(action); // what the drag proposes (a view's own drags propose Move)
        QApplication::sendEvent(view->viewport(), &move);
        if (!move.isAccepted())
            return false;
        QDropEvent dropEvent(pos, actions, mime, Qt::LeftButton, Qt::NoModifier);
        dropEvent.setDropAction(action);
        QApplication::sendEvent(view->viewport(), &dropEvent);
        return dropEvent.isAccepted();
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
        questions = ScriptedOrganizeQuestions();
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        put(QStringLiteral("README.txt"), "hello");
        put(QStringLiteral("models/a.safetensors"), QByteArray(2048, 'a'));
        put(QStringLiteral("models/b.gguf"), QByteArray(1024, 'b'));
        put(QStringLiteral("models/sub/deep.bin"), "d");
        put(QStringLiteral("datasets/train.jsonl"), "{}");
        put(QStringLiteral("outputs/img1.png"), "png");
        TransferService::Settings settings;
        settings.endpoint = f->client()->endpoint();
        settings.credentials = f->client()->credentials();
        settings.retryPolicy = f->client()->retryPolicy();
        transfers = std::make_unique<TransferService>(settings);
        makeWindow();
        QVERIFY(open(QStringLiteral("/data")));
    }
    void cleanup()
    {
        testers.clear();
        window.reset();
        transfers.reset();
        f.reset();
    }

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
            QVERIFY2(!action->shortcut().isEmpty(),
                     qPrintable(action->objectName() + action->shortcut().toString()));
            QVERIFY2(!action->toolTip().isEmpty(), qPrintable(action->objectName()));
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

    void renamesInPlaceWithF2()
    {
        QVERIFY(open(QStringLiteral("models")));
        select({QStringLiteral("b.gguf")});
        const QPersistentModelIndex row = window->detailsView()->currentIndex();
        QTRY_VERIFY(window->actions()->rename->isEnabled());
        QTest::keyClick(window->detailsView(), Qt::Key_F2);
        QLineEdit *editor = window->detailsView()->viewport()->findChild<QLineEdit *>();
        QTRY_VERIFY(editor = window->detailsView()->viewport()->findChild<QLineEdit *>());
        QCOMPARE(editor->text(), QStringLiteral("b.gguf"));
        editor->selectAll();
        QTest::keyClicks(editor, QStringLiteral("llama.gguf"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_VERIFY(exists(QStringLiteral("models/llama.gguf")));
        QVERIFY(!exists(QStringLiteral("models/b.gguf")));
        QTRY_VERIFY(shownNames().contains(QStringLiteral("llama.gguf")));
        QVERIFY(!shownNames().contains(QStringLiteral("b.gguf")));
        QTRY_VERIFY(idle());
        // The row stayed the same row (and selected).
        QVERIFY(row.isValid());
        QCOMPARE(row.data(Qt::EditRole).toString(), QStringLiteral("llama.gguf"));

        // A name that is taken is asked about, never overwritten: "Skip" leaves both as they were.
        questions.conflictAnswers = {OrganizeQuestions::Conflict::Skip};
        window->organizer()->rename(p(QStringLiteral("models/llama.gguf")),
                                    QStringLiteral("a.safetensors"));
        QTRY_VERIFY(idle());
        QCOMPARE(questions.conflictQuestions,
                 QStringList {QStringLiteral("/data/models/a.safetensors")});
        QVERIFY(exists(QStringLiteral("models/llama.gguf")));
        QCOMPARE(QFileInfo(f->data(QStringLiteral("models/a.safetensors"))).size(), 2048);

        // An invalid name is refused before anything is sent.
        QSignalSpy failed(window->organizer(), &OrganizeController::failed);
        window->organizer()->rename(p(QStringLiteral("models/llama.gguf")), QStringLiteral("a/b"));
        QCOMPARE(failed.size(), 1);
    }

    void movesBySimulatedDrops()
    {
        QVERIFY(open(QStringLiteral("models")));
        select({QStringLiteral("a.safetensors"), QStringLiteral("b.gguf")});
        QModelIndexList dragged = window->detailsView()->selectionModel()->selectedRows(0);
        std::unique_ptr<QMimeData> mime(window->detailsProxy()->mimeData(dragged));
        QVERIFY(mime);
        QVERIFY(!mime->hasUrls());
        // Onto the folder "sub" in the details view.
        const QRect target = window->detailsView()->visualRect(shown(QStringLiteral("sub")));
        QVERIFY(drop(window->detailsView(), mime.get(), target.center(),
                     Qt::MoveAction | Qt::CopyAction, Qt::MoveAction));
        QTRY_VERIFY(exists(QStringLiteral("models/sub/a.safetensors")));
        QTRY_VERIFY(exists(QStringLiteral("models/sub/b.gguf")));
        QTRY_VERIFY(idle());
        QCOMPARE(shownNames(), QStringList {QStringLiteral("sub")});

        // Onto a folder of the tree, with a name taken there: keep both.
        put(QStringLiteral("datasets/deep.bin"), "other");
        QVERIFY(open(QStringLiteral("models/sub")));
        select({QStringLiteral("deep.bin")});
        std::unique_ptr<QMimeData> one(window->detailsProxy()->mimeData(
            window->detailsView()->selectionModel()->selectedRows(0)));
        const QModelIndex datasets = window->treeProxy()->mapFromSource(
            window->model()->indexForPath(p(QStringLiteral("datasets"))));
        window->folderTree()->scrollTo(datasets);
        questions.conflictAnswers = {OrganizeQuestions::Conflict::KeepBoth};
        QVERIFY(drop(window->folderTree(), one.get(),
                     window->folderTree()->visualRect(datasets).center(), Qt::MoveAction,
                     Qt::MoveAction));
        QTRY_VERIFY(exists(QStringLiteral("datasets/deep (1).bin")));
        QCOMPARE(questions.conflictQuestions,
                 QStringList {QStringLiteral("/data/datasets/deep.bin")});
        QVERIFY(exists(QStringLiteral("datasets/deep.bin")));
        QTRY_VERIFY(idle());

        // Replace, as answered.
        put(QStringLiteral("datasets/a.safetensors"), "old");
        questions.conflictAnswers = {OrganizeQuestions::Conflict::Replace};
        window->organizer()->move({p(QStringLiteral("models/sub/a.safetensors"))},
                                  p(QStringLiteral("datasets")));
        QTRY_VERIFY(idle());
        QCOMPARE(QFileInfo(f->data(QStringLiteral("datasets/a.safetensors"))).size(), 2048);

        // A folder cannot go into itself.
        std::unique_ptr<QMimeData> self(window->model()->mimeData(
            {window->model()->indexForPath(p(QStringLiteral("models")))}));
        QVERIFY(!window->model()->canDropMimeData(
            self.get(), Qt::MoveAction, -1, -1,
            window->model()->indexForPath(p(QStringLiteral("models/sub")))));
    }

    void deletesOnlyWhenConfirmed()
    {
        put(QStringLiteral("trash/one.bin"), "1");
        put(QStringLiteral("trash/two.bin"), "22");
        put(QStringLiteral("trash/deeper/three.bin"), "333");
        QVERIFY(open(QStringLiteral("/data")));
        QTest::keyClick(window.get(), Qt::Key_F5); // made behind the window's back: list again
        QTRY_VERIFY(shown(QStringLiteral("trash")).isValid());
        select({QStringLiteral("trash"), QStringLiteral("README.txt")});

        questions.deleteAnswers = {false};
        QVERIFY(window->actions()->remove->isEnabled());
        QTest::keyClick(window->detailsView(), Qt::Key_Delete);
        QTRY_COMPARE(questions.deleteQuestions.size(), 1);
        QTRY_VERIFY(idle());
        QVERIFY(exists(QStringLiteral("trash/deeper/three.bin")));
        QVERIFY(exists(QStringLiteral("README.txt")));
        const DeleteSummary &summary = questions.deleteQuestions.first();
        QCOMPARE(summary.items.size(), 2);
        QCOMPARE(summary.totalFiles(), 4); // three under the folder and the README
        const QString text = summary.text();
        QVERIFY2(text.contains(QStringLiteral("trash/")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("3 files")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("1 subfolder")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("README.txt")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("recursively")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("cannot be undone")), qPrintable(text));

        questions.deleteAnswers = {true};
        QTest::keyClick(window->detailsView(), Qt::Key_Delete);
        QTRY_VERIFY(!exists(QStringLiteral("trash")));
        QTRY_VERIFY(!exists(QStringLiteral("README.txt")));
        QTRY_VERIFY(idle());
        QCOMPARE(shownNames(),
                 (QStringList {QStringLiteral("datasets"), QStringLiteral("models"),
                               QStringLiteral("outputs")}));
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

    void createsNewFolders()
    {
        QVERIFY(open(QStringLiteral("models")));
        questions.folderNames = {QStringLiteral("lora")};
        QTest::keyClick(window.get(), Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_VERIFY(QFileInfo(f->data(QStringLiteral("models/lora"))).isDir());
        QTRY_VERIFY(shownNames().contains(QStringLiteral("lora")));
        QTRY_VERIFY(idle());
        QCOMPARE(questions.folderNameQuestions, 1);
        QCOMPARE(window->detailsView()->currentIndex().data(Qt::EditRole).toString(),
                 QStringLiteral("lora"));
        // The suggestion is a free name.
        questions.folderNames.clear();
        window->actions()->newFolder->trigger();
        QTRY_VERIFY(QFileInfo(f->data(QStringLiteral("models/New Folder"))).isDir());
        QTRY_VERIFY(idle());
        // A name that exists is an error, not a silent success.
        QSignalSpy failed(window->organizer(), &OrganizeController::failed);
        window->organizer()->createFolder(p(QStringLiteral("models")), QStringLiteral("lora"));
        QTRY_COMPARE(failed.size(), 1);
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("already exists")));
        QTRY_VERIFY(idle());
        // The emulator's listing agrees after a refresh.
        QTest::keyClick(window.get(), Qt::Key_F5);
        QTRY_VERIFY(folderReady(QStringLiteral("models")));
        QVERIFY(shownNames().contains(QStringLiteral("New Folder")));
    }

    void desktopDropsBecomeUploads()
    {
        QVERIFY(open(QStringLiteral("outputs")));
        const QString a = f->scratch(QStringLiteral("photo.png"));
        const QString b = f->scratch(QStringLiteral("notes.txt"));
        QVERIFY(ClientFixture::writeRandomFile(a, 5000, 3));
        QVERIFY(ClientFixture::writeRandomFile(b, 100, 4));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(a), QUrl::fromLocalFile(b)});
        QSignalSpy ready(transfers.get(), &TransferService::batchReady);
        // On empty space: the current folder. A file manager proposes Move: taken as a copy.
        const QPoint empty(20, window->detailsView()->viewport()->height() - 10);
        QVERIFY(drop(window->detailsView(), &mime, empty, Qt::CopyAction | Qt::MoveAction,
                     Qt::MoveAction));
        QTRY_VERIFY(!ready.isEmpty());
        QCOMPARE(ready.first().at(1).value<QList<qint64>>().size(), 2);
        QTRY_COMPARE(transfers->ids().size(), 2);
        for (qint64 id : transfers->ids())
            QCOMPARE(transfers->item(id)->remotePath.parent(), p(QStringLiteral("outputs")));
        QTRY_VERIFY_WITH_TIMEOUT(exists(QStringLiteral("outputs/photo.png"))
                                     && exists(QStringLiteral("outputs/notes.txt")),
                                 20'000);
        // The engine's remoteChanged refreshes the folder on its own.
        QTRY_VERIFY_WITH_TIMEOUT(shownNames().contains(QStringLiteral("photo.png")), 10'000);
        QVERIFY(QFile::exists(a)); // copied, never moved

        // Onto a folder of the tree.
        QMimeData one;
        one.setUrls({QUrl::fromLocalFile(b)});
        const QModelIndex models = window->treeProxy()->mapFromSource(
            window->model()->indexForPath(p(QStringLiteral("models"))));
        QVERIFY(drop(window->folderTree(), &one, window->folderTree()->visualRect(models).center(),
                     Qt::CopyAction, Qt::CopyAction));
        QTRY_VERIFY_WITH_TIMEOUT(exists(QStringLiteral("models/notes.txt")), 20'000);
        // A drag that offers only Move is refused: the source would delete its files.
        QVERIFY(!drop(window->detailsView(), &one, empty, Qt::MoveAction, Qt::MoveAction));
    }

    void importsFromAUrl()
    {
        QVERIFY(open(QStringLiteral("models")));
        ImportUrlDialog dialog(p(QStringLiteral("models")));
        QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        dialog.urlEdit()->setText(QStringLiteral("ftp://example.com/x.bin"));
        QVERIFY(!ok->isEnabled());
        QString why;
        QVERIFY(!dialog.isValid(&why));
        QVERIFY2(why.contains(QStringLiteral("URL")), qPrintable(why));
        StaticHttpServer http;
        http.serve(QStringLiteral("/weights/lora.safetensors?download=1"), QByteArray(3000, 'w'));
        dialog.urlEdit()->setText(http.url(QStringLiteral("/weights/lora.safetensors")).toString()
                                  + QStringLiteral("?download=1"));
        QCOMPARE(dialog.nameEdit()->text(), QStringLiteral("lora.safetensors")); // from the URL
        QVERIFY(ok->isEnabled());
        dialog.nameEdit()->setText(QStringLiteral("a/b"));
        QVERIFY(!ok->isEnabled());
        dialog.nameEdit()->setText(QStringLiteral("style.safetensors"));
        dialog.folderEdit()->setText(QStringLiteral("/etc"));
        QVERIFY(!ok->isEnabled());
        dialog.folderEdit()->setText(QStringLiteral("/data/models"));
        QVERIFY(ok->isEnabled());
        QCOMPARE(dialog.target(), p(QStringLiteral("models/style.safetensors")));

        window->transfers()->importUrl(dialog.url(), dialog.target());
        QTRY_COMPARE(transfers->ids().size(), 1);
        QCOMPARE(transfers->item(transfers->ids().first())->direction,
                 TransferItem::Direction::Import);
        const TransferItem *item = transfers->item(transfers->ids().first());
        QTRY_VERIFY2_WITH_TIMEOUT(
            exists(QStringLiteral("models/style.safetensors")),
            qPrintable(TransferItem::stateName(item->state) + QLatin1Char(' ') + item->error),
            20'000);
        QTRY_VERIFY_WITH_TIMEOUT(shownNames().contains(QStringLiteral("style.safetensors")),
                                 10'000);
    }

    void filtersTheFolderOnly()
    {
        QVERIFY(open(QStringLiteral("models")));
        QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(window->filterBox()->hasFocus());
        QTest::keyClicks(window->filterBox(), QStringLiteral("gguf"));
        QTRY_COMPARE(shownNames(), QStringList {QStringLiteral("b.gguf")});
        QTRY_VERIFY(window->folderStatus().contains(QStringLiteral("1 of 3")));
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
