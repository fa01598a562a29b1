// MainWindow: putting the window together, its actions, navigation (history, revealing a path,
// keeping tree and details on one folder) and the selection. MainWindowViews.cpp builds the
// views and wires them to the model; MainWindowChrome.cpp holds menus, status bar and settings.
#include "ui/MainWindow.h"

#include "models/FolderViewModel.h"
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "network/api/FilesClient.h"
#include "network/transfer/TransferService.h"
#include "ui/DockRoom.h"
#include "ui/SessionControl.h"
#include "ui/SyncController.h"
#include "ui/UiLog.h"
#include "ui/WindowActions.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/GuiOrganizeQuestions.h"
#include "ui/browse/LocationBar.h"
#include "ui/browse/OrganizeController.h"
#include "ui/browse/PathClipboard.h"
#include "ui/browse/RemoteView.h"
#include "ui/transfers/GuiTransferQuestions.h"
#include "ui/transfers/TransferActions.h"
#include "ui/transfers/TransferStatusWidget.h"
#include "ui/transfers/TransfersDock.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>

MainWindow::MainWindow(FilesClient *client, TransferService *transferService,
                       SessionControl *session, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_transferService(transferService)
    , m_session(session)
    , m_model(new RemoteTreeModel(client, this))
    , m_treeProxy(new RemoteSortFilterProxy(this))
    , m_detailsProxy(new FolderViewModel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    m_model->setIconLookup(&FileIconProvider::icon);
    m_treeProxy->setFoldersOnly(true);
    m_treeProxy->setSourceModel(m_model);
    m_detailsProxy->setSourceModel(m_model);
    // Rows of a big folder arrive in the order the details view shows them: each batch lands
    // as one block instead of being merged into the sorted rows one by one.
    m_model->setListingOrder(m_detailsProxy->listingOrder());
    connect(m_detailsProxy, &FolderViewModel::listingOrderChanged, this,
            [this] { m_model->setListingOrder(m_detailsProxy->listingOrder()); });

    m_actions = new WindowActions(this);
    m_ownQuestions = std::make_unique<GuiOrganizeQuestions>(this);
    m_organizer = new OrganizeController(client, m_model, m_ownQuestions.get(), this);
    m_transfers = new TransferActions(transferService, m_model, this);
    if (transferService)
        m_sync = new SyncController(client, transferService, this, [this] { return m_current; });
    m_statusTimer.setSingleShot(true);
    m_statusTimer.setInterval(30);
    connect(&m_statusTimer, &QTimer::timeout, this, [this] {
        updateStatus();
        updateOverlay();
        updateActions();
    });

    buildViews();
    m_transfers->offerDownloadsOnDragOut(m_tree);
    m_transfers->offerDownloadsOnDragOut(m_details);
    buildMenusAndToolBar();
    buildStatusBar();
    connectActions();
    if (m_transferService) {
        m_dock = new TransfersDock(m_transferService, this);
        addDockWidget(Qt::BottomDockWidgetArea, m_dock);
        resizeDocks({m_dock}, {170}, Qt::Vertical); // the files stay the main thing
        new DockRoom(this, m_dock, 0.3);
        m_viewMenu->addAction(m_dock->toggleViewAction());
        auto *summary = new TransferStatusWidget(m_transferService, this);
        connect(summary, &TransferStatusWidget::clicked, this, &MainWindow::showTransfers);
        statusBar()->addPermanentWidget(summary);
        m_transferService->setQuestions(new GuiTransferQuestions(this, this));
    }
    buildStorage();
    buildKeyboard();
    restoreSettings();
    refreshSession();
    showFolder(RemotePath(), Navigation::Restore);
}

MainWindow::~MainWindow()
{
    // Focus moves while the widgets are torn down; this is no longer a MainWindow by then.
    disconnect(qApp, nullptr, this, nullptr);
    if (m_transferService)
        m_transferService->setQuestions(nullptr); // the questions die with the window
}

void MainWindow::setOrganizeQuestions(OrganizeQuestions *questions)
{
    m_organizer->setQuestions(questions);
}

void MainWindow::connectActions()
{
    WindowActions *a = m_actions;
    connect(a->back, &QAction::triggered, this, [this] {
        if (m_history.canGoBack())
            go(m_history.back(), Navigation::History);
    });
    connect(a->forward, &QAction::triggered, this, [this] {
        if (m_history.canGoForward())
            go(m_history.forward(), Navigation::History);
    });
    connect(a->up, &QAction::triggered, this, [this] {
        if (!m_current.isRoot())
            navigateTo(m_current.parent());
    });
    connect(a->refresh, &QAction::triggered, this,
            [this] { m_model->refresh(m_model->indexForPath(actionFolder())); });
    connect(a->editLocation, &QAction::triggered, m_location, &LocationBar::startEditing);
    connect(a->filter, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    connect(a->newFolder, &QAction::triggered, this,
            [this] { m_organizer->newFolder(actionFolder()); });
    connect(a->rename, &QAction::triggered, this, [this] {
        RemoteView *view = m_treeHadFocus ? m_tree : m_details;
        const QModelIndex index = m_treeHadFocus ? treeItem() : m_details->currentIndex();
        if (index.isValid() && selectedItems().size() == 1)
            view->startRename(index);
    });
    connect(a->remove, &QAction::triggered, this, [this] { m_organizer->remove(selectedItems()); });
    connect(a->undo, &QAction::triggered, m_organizer, &OrganizeController::undo);
    connect(m_organizer, &OrganizeController::undoChanged, this, &MainWindow::updateActions);
    auto copy = [this](PathClipboard::Form form) {
        QList<FileSpec> items = selectedItems();
        if (items.isEmpty())
            items << FileSpec::folder(m_current); // nothing selected: the folder itself
        PathClipboard::copy(items, form);
        statusBar()->showMessage(tr("Copied %1").arg(PathClipboard::text(items, form).left(120)),
                                 4000);
    };
    connect(a->copyPath, &QAction::triggered, this, [copy] { copy(PathClipboard::Form::Plain); });
    connect(a->copyPython, &QAction::triggered, this,
            [copy] { copy(PathClipboard::Form::Python); });
    connect(a->copyUrlPath, &QAction::triggered, this,
            [copy] { copy(PathClipboard::Form::UrlPath); });
    connect(a->uploadFiles, &QAction::triggered, this,
            [this] { m_transfers->chooseFilesToUpload(actionFolder()); });
    connect(a->uploadFolder, &QAction::triggered, this,
            [this] { m_transfers->chooseFolderToUpload(actionFolder()); });
    connect(a->download, &QAction::triggered, this,
            [this] { m_transfers->chooseDownloadFolder(selectedItems()); });
    connect(a->importUrl, &QAction::triggered, this,
            [this] { m_transfers->askUrlToImport(actionFolder()); });
    connect(a->signIn, &QAction::triggered, this, &MainWindow::openSignIn);
    connect(a->signOut, &QAction::triggered, this, &MainWindow::signOut);
    connect(a->quit, &QAction::triggered, this, &QWidget::close);
    connect(a->about, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About fal Files"),
            tr("<h3>fal Files %1</h3><p>A file manager for fal's persistent /data storage.</p>"
               "<p>Icons: KDE Breeze (LGPL-3.0).</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::navigateTo(const RemotePath &path)
{
    go(path, Navigation::Visit);
}

void MainWindow::go(const RemotePath &path, Navigation how)
{
    m_pending = path;
    m_pendingHow = how;
    m_model->revealPath(path); // answers at once when the way down is already listed
}

void MainWindow::restoreLastFolder()
{
    const QString last = QSettings().value(QStringLiteral("navigation/lastFolder")).toString();
    const auto path = RemotePath::parse(last);
    go(path ? *path : RemotePath(), Navigation::Restore);
}

void MainWindow::onRevealed(const RemotePath &path)
{
    if (!m_pending || *m_pending != path)
        return;
    const Navigation how = m_pendingHow;
    m_pending.reset();
    const FileSpec *spec = m_model->specForIndex(m_model->indexForPath(path));
    if (spec && spec->isFile) {
        // A file's path opens its folder with the file selected.
        showFolder(path.parent(), how);
        const QModelIndex index = detailsIndexFor(path);
        m_details->setCurrentIndex(index);
        m_details->scrollTo(index);
        return;
    }
    showFolder(path, how);
}

QModelIndex MainWindow::detailsIndexFor(const RemotePath &path) const
{
    return m_detailsProxy->mapFromSource(m_model->indexForPath(path));
}

void MainWindow::showFolder(const RemotePath &folder, Navigation how)
{
    const QModelIndex source = m_model->indexForPath(folder);
    if (!source.isValid()) {
        go(folder, how); // not listed this far yet
        return;
    }
    if (!source.data(RemoteTreeModel::IsDirRole).toBool()) {
        go(folder, how);
        return;
    }
    const bool changed = folder != m_current || m_detailsProxy->folder() != source;
    const bool left = folder != m_current;
    const RemotePath cameFrom = m_current;
    m_current = folder;
    if (how != Navigation::History)
        m_history.visit(folder);
    if (changed) {
        if (left)
            m_filter->clear(); // a filter is for one folder, as Dolphin's is by default
        m_detailsProxy->setFolder(source); // the view's root stays the invalid index
        m_details->selectionModel()->clearSelection();
        // Up (or back) to a folder above: the row of the folder just left is the current one,
        // as in Dolphin, so Enter goes straight back in and the eye finds where it was.
        if (left && folder.isAncestorOf(cameFrom)) {
            RemotePath child = cameFrom;
            while (child.parent() != folder)
                child = child.parent();
            const QModelIndex row = detailsIndexFor(child);
            if (row.isValid()) {
                m_details->selectionModel()->setCurrentIndex(
                    row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                m_details->scrollTo(row);
            }
        }
    }
    if (m_model->canFetchMore(source))
        m_model->fetchMore(source);

    // The tree follows: the folder's ancestors open, the folder itself selected and opened.
    m_syncingTree = true;
    const QModelIndex inTree = m_treeProxy->mapFromSource(source);
    for (QModelIndex i = inTree.parent(); i.isValid(); i = i.parent())
        m_tree->expand(i);
    m_tree->expand(inTree);
    m_tree->selectionModel()->setCurrentIndex(inTree, QItemSelectionModel::ClearAndSelect);
    m_tree->scrollTo(inTree);
    m_syncingTree = false;

    m_location->setPath(folder);
    setWindowTitle(tr("%1 — fal Files").arg(folder.absolute()));
    updateActions();
    updateStatus();
    updateOverlay();
    Q_EMIT folderShown(folder);
}

QList<FileSpec> MainWindow::selectedItems() const
{
    QList<FileSpec> items;
    if (m_treeHadFocus) {
        const FileSpec *spec = m_model->specForIndex(m_treeProxy->mapToSource(treeItem()));
        if (spec && !spec->path.isRoot())
            items << *spec;
        return items;
    }
    const QModelIndexList rows
        = m_details->selectionModel()->selectedRows(RemoteTreeModel::NameColumn);
    for (const QModelIndex &row : rows) {
        if (const FileSpec *spec = m_model->specForIndex(m_detailsProxy->mapToSource(row)))
            items << *spec;
    }
    return items;
}

void MainWindow::scheduleStatus()
{
    if (!m_statusTimer.isActive())
        m_statusTimer.start();
}

void MainWindow::setBusy(bool busy, const QString &what)
{
    m_organizing = busy;
    m_organizeWhat = what;
    const bool any = m_organizing || m_listing;
    m_busyBar->setVisible(any);
    m_busyText->setVisible(any);
    m_busyText->setText(m_organizing ? what : tr("Listing…"));
    // Nothing waits on the UI thread: the actions that would start a second change are off.
    updateActions();
}

void MainWindow::updateActions()
{
    qsizetype count = 0;
    if (m_treeHadFocus)
        count = treeItem().isValid() && treeItem().parent().isValid() ? 1 : 0;
    else
        count = m_details->selectionModel()->selectedRows(RemoteTreeModel::NameColumn).size();
    const bool any = count > 0;
    const bool free = !m_organizing;
    WindowActions *a = m_actions;
    a->back->setEnabled(m_history.canGoBack());
    a->forward->setEnabled(m_history.canGoForward());
    a->up->setEnabled(!m_current.isRoot());
    a->newFolder->setEnabled(free);
    // What the API in use cannot do (Platform API v1: no rename, no delete) stays visible,
    // disabled, and its tooltip says why.
    const ApiSurface &surface = m_client->surface();
    for (auto [action, operation, usable] :
         {std::tuple {a->rename, ApiSurface::Operation::Rename, free && count == 1},
          std::tuple {a->remove, ApiSurface::Operation::Delete, free && any}}) {
        action->setEnabled(usable && surface.supports(operation));
        action->setToolTip(surface.supports(operation)
                               ? action->property(WindowActions::kDefaultToolTip).toString()
                               : surface.whyNot(operation));
    }
    a->undo->setEnabled(m_organizer->canUndo());
    a->undo->setText(m_organizer->canUndo() ? m_organizer->undoText() : tr("&Undo"));
    a->download->setEnabled(m_transferService && any);
    for (QAction *upload : {a->uploadFiles, a->uploadFolder, a->importUrl})
        upload->setEnabled(m_transferService != nullptr);
    a->signIn->setEnabled(m_session != nullptr);
}

void MainWindow::showError(const QString &text)
{
    statusBar()->showMessage(text.section(QLatin1Char('\n'), 0, 0), 10000);
    auto *box = new QMessageBox(QMessageBox::Warning, tr("fal Files"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("ErrorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->open();
}
