// MainWindow: menus, toolbar, status bar, context menus, the overlay of the details view, sign-in
// and the remembered settings. MainWindowViews.cpp builds the views; MainWindow.cpp navigates.
#include "ui/MainWindow.h"

#include "models/FolderViewModel.h"
#include "models/RemoteTreeModel.h"
#include "network/api/FilesClient.h"
#include "network/text/TextFormat.h"
#include "network/transfer/TransferService.h"
#include "ui/AccountButton.h"
#include "ui/EmulatorBanner.h"
#include "ui/SessionControl.h"
#include "ui/SettingsDialog.h"
#include "ui/SignInDialog.h"
#include "ui/SyncController.h"
#include "ui/WindowActions.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/FolderOverlay.h"
#include "ui/browse/LocationBar.h"
#include "ui/browse/RemoteView.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>

void MainWindow::buildMenusAndToolBar()
{
    WindowActions *a = m_actions;
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({a->newFolder, a->uploadFiles, a->uploadFolder, a->importUrl, a->download});
    if (m_sync) {
        file->addSeparator();
        file->addAction(m_sync->syncAction());
        file->addMenu(m_sync->recentMenu());
        connect(m_sync, &SyncController::message, this,
                [this](const QString &text) { statusBar()->showMessage(text, 10000); });
        connect(m_sync, &SyncController::failed, this, &MainWindow::showError);
    }
    file->addSeparator();
    file->addActions({a->signIn, a->signOut});
    file->addSeparator();
    file->addAction(a->quit);
    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(a->undo);
    edit->addSeparator();
    edit->addActions({a->copyPath, a->copyPython, a->copyUrlPath});
    edit->addSeparator();
    edit->addActions({a->rename, a->remove});
    edit->addSeparator();
    edit->addAction(a->filter);
    QMenu *go = menuBar()->addMenu(tr("&Go"));
    go->addActions({a->back, a->forward, a->up});
    go->addSeparator();
    go->addActions({a->editLocation, a->refresh});
    m_viewMenu = menuBar()->addMenu(tr("&View"));
    menuBar()
        ->addMenu(tr("&Settings"))
        ->addAction(SettingsDialog::makeConfigureAction(this, m_transferService));
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(a->about);

    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("MainToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonFollowStyle);
    bar->addActions({a->back, a->forward, a->up, a->refresh});
    bar->addSeparator();
    bar->addActions({a->newFolder, a->uploadFiles, a->download});
    bar->addSeparator();
    bar->addAction(a->remove);
    QAction *toolbarToggle = bar->toggleViewAction();
    toolbarToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));
    toolbarToggle->setToolTip(tr("Show or hide the toolbar (Ctrl+Shift+B)"));
    m_viewMenu->addAction(toolbarToggle);
}

void MainWindow::buildStatusBar()
{
    m_folderInfo = new QLabel(this);
    m_folderInfo->setObjectName(QStringLiteral("FolderInfo"));
    m_selectionInfo = new QLabel(this);
    m_selectionInfo->setObjectName(QStringLiteral("SelectionInfo"));
    m_busyText = new QLabel(this);
    m_busyBar = new QProgressBar(this);
    m_busyBar->setObjectName(QStringLiteral("BusyIndicator"));
    m_busyBar->setRange(0, 0); // moving: something is under way, its length unknown
    m_busyBar->setMaximumWidth(120);
    m_busyBar->setMaximumHeight(14);
    m_busyBar->setTextVisible(false);
    m_busyBar->hide();
    m_busyText->hide();
    statusBar()->addWidget(m_folderInfo);
    statusBar()->addWidget(m_selectionInfo);
    statusBar()->addPermanentWidget(m_busyText);
    statusBar()->addPermanentWidget(m_busyBar);
    m_account = new AccountButton(m_actions->signIn, m_actions->signOut, this);
    m_account->setVisible(m_session != nullptr);
    statusBar()->addPermanentWidget(m_account);
}

QString MainWindow::folderStatus() const
{
    return m_folderInfo->text();
}

QString MainWindow::selectionStatus() const
{
    return m_selectionInfo->text();
}

void MainWindow::updateStatus()
{
    const QLocale locale;
    const QModelIndex source = m_model->indexForPath(m_current);
    const RemoteTreeModel::FolderStats stats = m_model->folderStats(source);
    const int total = stats.files + stats.folders;
    // Once its folders are measured the folder's size is all of it; until then the sentence
    // says the bytes are those of its files.
    const std::optional<qint64> all = m_model->totalSize(source);
    QString folder
        = (stats.folders == 0 || all ? tr("%1 (%2, %3), %4") : tr("%1 (%2, %3), %4 in files"))
              .arg(TextFormat::items(total), TextFormat::folders(stats.folders),
                   TextFormat::files(stats.files), TextFormat::size(all.value_or(stats.bytes)));
    const int shown = m_detailsProxy->rowCount(m_details->rootIndex());
    const bool filtered = !m_filter->text().trimmed().isEmpty();
    if (m_detailsProxy->isArranging()) // a big folder: a worker orders its rows
        folder = filtered ? tr("%1, filtering…").arg(folder) : tr("%1, sorting…").arg(folder);
    else if (filtered) // the counts and the size are the whole folder's, and say so
        folder = tr("%1 of %2 shown (in all: %3, %4, %5)")
                     .arg(locale.toString(shown), TextFormat::items(total),
                          TextFormat::folders(stats.folders), TextFormat::files(stats.files),
                          stats.folders == 0 || all
                              ? TextFormat::size(all.value_or(stats.bytes))
                              : tr("%1 in files").arg(TextFormat::size(stats.bytes)));
    m_folderInfo->setText(folder);

    const QModelIndexList rows
        = m_details->selectionModel()->selectedRows(RemoteTreeModel::NameColumn);
    if (rows.isEmpty()) {
        m_selectionInfo->clear();
        return;
    }
    qint64 bytes = 0;
    int folders = 0;
    bool measured = true;
    for (const QModelIndex &row : rows) {
        const QModelIndex source = m_detailsProxy->mapToSource(row);
        if (const FileSpec *spec = m_model->specForIndex(source)) {
            const bool known = m_model->isSizeKnown(source);
            measured &= known;
            bytes += spec->isDir() ? (known ? m_model->measuredSize(source) : 0) : spec->size;
            folders += spec->isDir() ? 1 : 0;
        }
    }
    // Until the selected folders are measured, the bytes are those of the files; it says so.
    m_selectionInfo->setText(
        folders && !measured
            ? tr("— %1 selected (%2), %3 in files")
                  .arg(locale.toString(rows.size()), TextFormat::folders(folders),
                       TextFormat::size(bytes))
            : tr("— %1 selected, %2").arg(locale.toString(rows.size()), TextFormat::size(bytes)));
}

void MainWindow::updateOverlay()
{
    const QModelIndex source = m_model->indexForPath(m_current);
    FolderOverlay *overlay = m_details->overlay();
    if (!source.isValid()) {
        overlay->show(FolderOverlay::State::Loading);
        return;
    }
    const QString error = source.data(RemoteTreeModel::ErrorRole).toString();
    const bool listed = source.data(RemoteTreeModel::ListedRole).toBool();
    const bool loading = source.data(RemoteTreeModel::LoadingRole).toBool();
    if (m_detailsProxy->rowCount(m_details->rootIndex()) > 0)
        overlay->show(FolderOverlay::State::Hidden);
    else if (!error.isEmpty() && m_model->rowCount(source) == 0)
        overlay->show(FolderOverlay::State::Failed, error);
    else if (loading || !listed)
        overlay->show(FolderOverlay::State::Loading);
    else if (m_model->rowCount(source) > 0)
        overlay->show(FolderOverlay::State::NoMatch, m_filter->text().trimmed());
    else
        overlay->show(FolderOverlay::State::Empty);
}

void MainWindow::showContextMenu(RemoteView *view, const QPoint &pos)
{
    m_treeHadFocus = view == m_tree;
    const QModelIndex index = view->indexAt(pos);
    if (view == m_tree) {
        // The menu is about the clicked folder; the folder shown stays (Dolphin's Folders
        // panel). The actions read it from m_treeMenuItem until the menu has done its work.
        m_treeMenuItem = index.isValid() ? index : m_tree->currentIndex();
    } else if (index.isValid() && !view->selectionModel()->isSelected(index)) {
        view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    } else if (!index.isValid()) {
        m_details->selectionModel()->clearSelection();
    }
    updateActions();

    WindowActions *a = m_actions;
    auto *menu = new QMenu(view);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    // An action picked in the menu runs right after the menu hides: forget the item after that.
    connect(menu, &QMenu::aboutToHide, this, [this] {
        QTimer::singleShot(0, this, [this] {
            m_treeMenuItem = QPersistentModelIndex();
            updateActions();
        });
    });
    const QList<FileSpec> items = selectedItems();
    if (!items.isEmpty()) {
        if (items.size() == 1 && items.first().isDir() && view == m_details) {
            const RemotePath folder = items.first().path;
            QAction *open = menu->addAction(FileIconProvider::named(QStringLiteral("folder-open")),
                                            tr("&Open"));
            open->setShortcut(QKeySequence(Qt::Key_Return)); // what Enter does in the view
            open->setToolTip(tr("Show this folder"));
            connect(open, &QAction::triggered, this, [this, folder] { showFolder(folder); });
        }
        menu->addAction(a->download);
        menu->addSeparator();
        menu->addActions({a->rename, a->remove});
        menu->addSeparator();
        menu->addActions({a->copyPath, a->copyPython, a->copyUrlPath});
        menu->addSeparator();
    }
    menu->addActions({a->newFolder, a->uploadFiles, a->uploadFolder, a->importUrl});
    menu->addSeparator();
    menu->addAction(a->refresh);
    menu->popup(view->viewport()->mapToGlobal(pos));
}

void MainWindow::openSignIn()
{
    if (!m_session)
        return;
    auto *dialog = new SignInDialog(m_client->network(), m_session->keyStore(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setEndpoint(m_session->signInEndpoint());
    dialog->setCurrentKeyDescription(m_session->currentKeyDescription());
    dialog->setStorageNote(m_session->storageNote());
    dialog->loadProfiles(m_session->falConfigPath());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        QString why;
        if (!m_session->switchAccount(dialog->credentials(), dialog->endpoint(), &why)) {
            showError(why);
            return;
        }
        refreshSession();
        statusBar()->showMessage(
            tr("Signed in with key %1 on %2")
                .arg(dialog->credentials().redacted(), dialog->endpoint().host()),
            8000);
        if (!dialog->saveProblem().isEmpty())
            showError(dialog->saveProblem());
    });
    dialog->open();
}

void MainWindow::refreshSession()
{
    const QString banner = m_session ? m_session->bannerText() : QString();
    m_banner->setMessage(banner);
    m_banner->setVisible(!banner.isEmpty());
    if (m_session)
        m_account->setAccount(m_session->accountLabel(), m_session->isEmulator());
    m_actions->signOut->setEnabled(m_session && !m_session->isEmulator());
}

void MainWindow::signOut()
{
    QString why;
    QString note;
    if (!m_session || !m_session->signOut(&why, &note)) {
        showError(why);
        return;
    }
    // The window goes with the account (AppSession rebuilds it on accountChanged()); what must
    // be said outlives it in a box of its own.
    if (!note.isEmpty())
        QMessageBox::information(nullptr, tr("Signed out"), note);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"),
                      findChild<QSplitter *>(QStringLiteral("MainSplitter"))->saveState());
    settings.setValue(QStringLiteral("details/header"), m_details->header()->saveState());
    settings.setValue(QStringLiteral("navigation/lastFolder"), m_current.absolute());
}

// A geometry saved on a larger screen, or at another scale (QT_SCALE_FACTOR=2 turns a saved
// 2200×1400 into more than the screen), would open the window past the screen's edges, with its
// title bar or status bar out of reach: it is shrunk and moved to fit what the screen offers.
void MainWindow::fitOnScreen()
{
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen || isMaximized() || isFullScreen())
        return;
    const QRect available = screen->availableGeometry();
    // The frame (title bar, borders) is not known before the window is shown: leave it room.
    const QSize frame(16, 48);
    const QSize size = this->size().boundedTo(available.size() - frame).expandedTo(minimumSize());
    resize(size);
    QPoint topLeft = pos();
    topLeft.setX(qBound(available.left(), topLeft.x(),
                        qMax(available.left(), available.right() - size.width() - frame.width())));
    topLeft.setY(
        qBound(available.top(), topLeft.y(),
               qMax(available.top(), available.bottom() - size.height() - frame.height())));
    move(topLeft);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1100, 700);
    fitOnScreen();
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    findChild<QSplitter *>(QStringLiteral("MainSplitter"))
        ->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_details->header()->restoreState(
        settings.value(QStringLiteral("details/header")).toByteArray());
    // The header's sort order came back with it; the rows that arrive next follow it.
    m_model->setListingOrder(m_detailsProxy->listingOrder());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    const int moving = m_transferService
        ? m_transferService->totals().queued + m_transferService->totals().running
        : 0;
    if (moving > 0 && !m_quitConfirmed) {
        event->ignore();
        auto *box = new QMessageBox(
            QMessageBox::Question, tr("Quit fal Files?"),
            // Counted in files, as the transfers dock counts a job's progress ("2 of 6 files").
            tr("%1 still under way. They go on from where they stopped when you start fal Files "
               "again.")
                .arg(TextFormat::files(moving)),
            QMessageBox::NoButton, this);
        box->setObjectName(QStringLiteral("QuitWhileTransferringBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        QPushButton *quit = box->addButton(tr("&Quit"), QMessageBox::AcceptRole);
        box->addButton(QMessageBox::Cancel);
        box->setDefaultButton(quit);
        connect(box, &QMessageBox::finished, this, [this, box, quit] {
            if (box->clickedButton() != quit)
                return;
            m_quitConfirmed = true;
            close();
        });
        box->open();
        return;
    }
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        // Dark palette, light glyphs: the icon theme follows the palette.
        FileIconProvider::installTheme(palette());
        m_details->viewport()->update();
        m_tree->viewport()->update();
    }
}
