// The main window, offscreen, against the in-process emulator, changing /data: rename with F2,
// move by a simulated drop, delete with the confirmation accepted and refused, conflicts, new
// folder, desktop drops becoming uploads, import from a URL. Looking around:
// tst_mainwindow_browsing.
#include "models/RemoteTreeModel.h"
#include "network/transfer/TransferService.h"
#include "tests/gui/MainWindowFixture.h"
#include "tests/support/StaticHttpServer.h"
#include "ui/MainWindow.h"
#include "ui/WindowActions.h"
#include "ui/browse/ImportUrlDialog.h"
#include "ui/browse/OrganizeController.h"
#include "ui/browse/RemoteView.h"
#include "ui/transfers/TransferActions.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

class TestMainWindowOrganizing : public QObject, private MainWindowFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpTestCase(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

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

    // The deleted row's cursor goes to the next row, as in Dolphin (Qt takes the row above).
    void afterADeleteTheNextRowIsCurrent()
    {
        QVERIFY(open(QStringLiteral("models")));
        QTRY_COMPARE(shownNames(),
                     (QStringList {QStringLiteral("sub"), QStringLiteral("a.safetensors"),
                                   QStringLiteral("b.gguf")}));
        select({QStringLiteral("a.safetensors")});
        window->detailsView()->setCurrentIndex(shown(QStringLiteral("a.safetensors")));
        questions.deleteAnswers = {true};
        QTest::keyClick(window->detailsView(), Qt::Key_Delete);
        QTRY_VERIFY(!exists(QStringLiteral("models/a.safetensors")));
        QTRY_VERIFY(idle());
        QTRY_COMPARE(shownNames().size(), 2);
        QCOMPARE(window->detailsView()->currentIndex().siblingAtColumn(0).data(Qt::EditRole),
                 QVariant(QStringLiteral("b.gguf")));
        QVERIFY(window->detailsView()->selectionModel()->selectedRows().isEmpty());
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
};

QTEST_MAIN(TestMainWindowOrganizing)
#include "tst_mainwindow_organizing.moc"
