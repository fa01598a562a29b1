#pragma once

#include "models/FolderViewModel.h"
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "network/transfer/TransferService.h"
#include "tests/gui/ScriptedOrganizeQuestions.h"
#include "tests/support/ClientFixture.h"
#include "ui/MainWindow.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/OrganizeController.h"
#include "ui/browse/RemoteView.h"
#include "ui/transfers/TransferActions.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <memory>
#include <vector>

// What both halves of the main window tests (tst_mainwindow_browsing, tst_mainwindow_organizing)
// start every test from: the in-process emulator with a small /data (README.txt, models/ with two
// files and sub/, datasets/, outputs/), a transfer engine, and the window shown at /data with its
// organize questions answered by the test; plus the helpers that look at and act on the window.
class MainWindowFixture
{
protected:
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

    // From initTestCase().
    static void setUpTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings in ~/.qttest, not the person's
        FileIconProvider::installTheme(QApplication::palette());
    }
    // From init(): a failed check fails the test before it runs. `endpointPath` "/v1" puts the
    // window on the emulator's Platform API v1 surface.
    void setUp(const QString &endpointPath = {})
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
        if (!endpointPath.isEmpty()) {
            QUrl endpoint = f->server().baseUrl();
            endpoint.setPath(endpointPath);
            QVERIFY(f->client()->setEndpoint(endpoint));
        }
        TransferService::Settings settings;
        settings.endpoint = f->client()->endpoint();
        settings.credentials = f->client()->credentials();
        settings.retryPolicy = f->client()->retryPolicy();
        transfers = std::make_unique<TransferService>(settings);
        makeWindow();
        QVERIFY(open(QStringLiteral("/data")));
    }
    void tearDown()
    {
        testers.clear();
        window.reset();
        transfers.reset();
        f.reset();
    }
};
