// Keys act on the widget that has the focus. Every shortcut of an action on selected items (F2,
// Del, the copy keys, Ctrl+D) is pressed in every place of the window that holds no items: the
// transfers dock, the location bar, the filter box. None of them may reach the files selected in
// the details view; in the details view and the folder tree they do. Del in the dock forgets a
// finished row and deletes nothing on the server.
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "models/TransferModel.h"
#include "network/transfer/TransferService.h"
#include "tests/gui/ScriptedOrganizeQuestions.h"
#include "tests/support/ClientFixture.h"
#include "ui/MainWindow.h"
#include "ui/WindowActions.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/LocationBar.h"
#include "ui/browse/OrganizeController.h"
#include "ui/browse/RemoteView.h"
#include "ui/transfers/TransfersDock.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>
#include <QTreeView>

Q_DECLARE_METATYPE(QKeySequence)

class TestFocusShortcuts : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<TransferService> transfers;
    std::unique_ptr<MainWindow> window;
    ScriptedOrganizeQuestions questions;
    TransfersDock *dock = nullptr;

    static RemotePath p(const QString &text) { return *RemotePath::parse(text); }
    void put(const QString &relative, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(f->data(relative)).absolutePath());
        QFile file(f->data(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    bool folderShown(const RemotePath &path) const
    {
        const QModelIndex index = window->model()->indexForPath(path);
        return window->currentFolder() == path && index.data(RemoteTreeModel::ListedRole).toBool()
            && !index.data(RemoteTreeModel::LoadingRole).toBool();
    }
    // Selects `name` in the details view (which then had the focus last).
    void selectInDetails(const QString &name)
    {
        RemoteView *view = window->detailsView();
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        const QAbstractItemModel *m = view->model();
        for (int row = 0; row < m->rowCount(view->rootIndex()); ++row) {
            const QModelIndex index = m->index(row, 0, view->rootIndex());
            if (index.data(Qt::EditRole).toString() == name) {
                view->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                return;
            }
        }
        QFAIL(qPrintable(name + QStringLiteral(" is not shown")));
    }
    // A download that has finished, so the dock holds a finished row.
    qint64 finishedDownload()
    {
        FileSpec spec;
        spec.path = p(QStringLiteral("models/small.bin"));
        spec.name = spec.path.name();
        spec.size = 5;
        const qint64 batch = transfers->download({spec}, f->scratch(QString()));
        if (!ClientFixture::waitUntil([&] { return transfers->isBatchFinished(batch); }, 30'000))
            return 0;
        const QList<qint64> ids = transfers->batchItems(batch);
        return ids.size() == 1 ? ids.first() : 0;
    }
    QWidget *place(const QString &name)
    {
        if (name == QLatin1String("dock"))
            return dock->view();
        if (name == QLatin1String("location")) {
            window->locationBar()->startEditing();
            return window->locationBar()->lineEdit();
        }
        if (name == QLatin1String("filter"))
            return window->filterBox();
        if (name == QLatin1String("tree"))
            return window->folderTree();
        return window->detailsView();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        FileIconProvider::installTheme(QApplication::palette());
    }
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        put(QStringLiteral("models/weights.bin"), "weights");
        put(QStringLiteral("models/small.bin"), "small");
        put(QStringLiteral("models/sub/x.bin"), "x");
        TransferService::Settings settings;
        settings.endpoint = f->client()->endpoint();
        settings.credentials = f->client()->credentials();
        settings.retryPolicy = f->client()->retryPolicy();
        transfers = std::make_unique<TransferService>(settings);
        questions = ScriptedOrganizeQuestions();
        questions.deleteAnswers = {true, true, true}; // whatever asks would delete
        window = std::make_unique<MainWindow>(f->client(), transfers.get());
        window->setOrganizeQuestions(&questions);
        window->resize(1000, 700);
        window->show();
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        dock = window->findChild<TransfersDock *>();
        QVERIFY(dock);
        dock->show();
        window->navigateTo(p(QStringLiteral("models")));
        QTRY_VERIFY(folderShown(p(QStringLiteral("models"))));
    }
    void cleanup()
    {
        window.reset();
        transfers.reset();
        f.reset();
    }

    void delInTheDockForgetsTheRowAndDeletesNothing()
    {
        const qint64 id = finishedDownload();
        QVERIFY(id);
        selectInDetails(QStringLiteral("weights.bin")); // the files view's last selection
        QVERIFY(window->actions()->remove->isEnabled());
        QTRY_COMPARE(dock->model()->rowCount(), 1);
        dock->view()->setFocus();
        QTRY_VERIFY(dock->view()->hasFocus());
        dock->view()->setCurrentIndex(dock->model()->index(0, 0));
        QTRY_VERIFY(dock->removeFromListAction()->isEnabled());
        QTest::keyClick(dock->view(), Qt::Key_Delete);
        QTRY_COMPARE(dock->model()->rowCount(), 0);
        QVERIFY(!transfers->item(id) || transfers->item(id)->state == TransferItem::State::Done);
        QCOMPARE(questions.deleteQuestions.size(), 0);
        QVERIFY(!window->organizer()->isBusy());
        QVERIFY(QFileInfo::exists(f->data(QStringLiteral("models/weights.bin"))));
        QVERIFY(QFileInfo::exists(f->data(QStringLiteral("models/small.bin"))));
        QVERIFY(QFileInfo::exists(f->scratch(QStringLiteral("small.bin")))); // the download too
    }

    void selectionKeysWorkOnlyWhereTheItemsAre_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QString>("where");
        QTest::addColumn<bool>("fires");
        const QStringList actions = {QStringLiteral("rename"),      QStringLiteral("remove"),
                                     QStringLiteral("copyPath"),    QStringLiteral("copyPython"),
                                     QStringLiteral("copyUrlPath"), QStringLiteral("download")};
        const QStringList places = {QStringLiteral("dock"), QStringLiteral("location"),
                                    QStringLiteral("filter"), QStringLiteral("details")};
        for (const QString &action : actions) {
            for (const QString &where : places) {
                QTest::newRow(qPrintable(action + QStringLiteral(" in ") + where))
                    << action << where << (where == QLatin1String("details"));
            }
        }
        QTest::newRow("remove in tree")
            << QStringLiteral("remove") << QStringLiteral("tree") << true;
    }
    void selectionKeysWorkOnlyWhereTheItemsAre()
    {
        QFETCH(QString, action);
        QFETCH(QString, where);
        QFETCH(bool, fires);
        QVERIFY(finishedDownload()); // a finished row in the dock, as in the reported case
        selectInDetails(QStringLiteral("weights.bin"));
        if (where == QLatin1String("tree")) {
            const QModelIndex sub = window->treeProxy()->mapFromSource(
                window->model()->indexForPath(p(QStringLiteral("models/sub"))));
            QTRY_VERIFY(sub.isValid());
            window->folderTree()->setFocus();
            QTRY_VERIFY(window->folderTree()->hasFocus());
            window->folderTree()->selectionModel()->setCurrentIndex(
                sub, QItemSelectionModel::ClearAndSelect);
            QTRY_VERIFY(folderShown(p(QStringLiteral("models/sub"))));
        }
        auto *target = window->findChild<QAction *>(action);
        QVERIFY(target);
        QTRY_VERIFY(target->isEnabled());
        QWidget *widget = place(where);
        QVERIFY(widget);
        if (where == QLatin1String("dock")) {
            QTRY_COMPARE(dock->model()->rowCount(), 1);
            dock->view()->setCurrentIndex(dock->model()->index(0, 0));
        }
        widget->setFocus();
        QTRY_VERIFY(widget->hasFocus());
        QSignalSpy triggered(target, &QAction::triggered);
        // "Download…" asks for a folder in a modal dialog: answered "Cancel" as it opens.
        QTimer closer;
        connect(&closer, &QTimer::timeout, this, [] {
            if (QWidget *modal = QApplication::activeModalWidget())
                modal->close();
        });
        closer.start(20);
        const QKeySequence keys = target->shortcut();
        QVERIFY(!keys.isEmpty());
        QTest::keySequence(widget, keys);
        QCOMPARE(triggered.size(), fires ? 1 : 0);
        // Whatever happened, a remote file was deleted only where Del was meant for it.
        QTRY_VERIFY(!window->organizer()->isBusy());
        const bool deletedSomething
            = !QFileInfo::exists(f->data(QStringLiteral("models/weights.bin")))
            || !QFileInfo::exists(f->data(QStringLiteral("models/sub")));
        QCOMPARE(deletedSomething, fires && action == QLatin1String("remove"));
        QApplication::closeAllWindows(); // an inline editor or a dialog it opened
    }
};

QTEST_MAIN(TestFocusShortcuts)
#include "tst_focus_shortcuts.moc"
