// MainWindow: the views (location bar, filter, folder tree, details) and how they follow the
// model, the organizer and the transfers. MainWindow.cpp navigates; MainWindowChrome.cpp holds
// menus, status bar and settings.
#include "ui/MainWindow.h"

#include "models/FolderViewModel.h"
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "ui/EmulatorBanner.h"
#include "ui/WindowActions.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/FolderOverlay.h"
#include "ui/browse/LocationBar.h"
#include "ui/browse/OrganizeController.h"
#include "ui/browse/RemoteView.h"
#include "ui/transfers/TransferActions.h"

#include <QAction>
#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QVBoxLayout>

void MainWindow::buildViews()
{
    m_banner = new EmulatorBanner(this);
    connect(m_banner, &EmulatorBanner::signInRequested, this, &MainWindow::openSignIn);

    m_location = new LocationBar(this);
    connect(m_location, &LocationBar::pathRequested, this, &MainWindow::navigateTo);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("FilterBox"));
    m_filter->setPlaceholderText(tr("Filter… (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->addAction(FileIconProvider::named(QStringLiteral("view-filter")),
                        QLineEdit::LeadingPosition);
    m_filter->setToolTip(
        tr("Shows the items of this folder whose names contain the text, or match a pattern "
           "with * and ? (*.png)"));
    m_filter->setMaximumWidth(260);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_detailsProxy->setNameFilter(text);
        scheduleStatus(); // "filtering…" at once when a worker takes it
    });

    m_tree = new RemoteView(RemoteView::Role::FolderTree, this);
    m_tree->setModel(m_treeProxy);
    for (int column = 1; column < RemoteTreeModel::ColumnCount; ++column)
        m_tree->setColumnHidden(column, true);
    m_details = new RemoteView(RemoteView::Role::Details, this);
    // When the current row goes (deleted, moved away, gone from a listing) the next row takes
    // the cursor, as in Dolphin; Qt's selection model would give it to the row above. Connected
    // before the view gets the model, so this sees the current row before the selection model
    // moves it.
    connect(m_detailsProxy, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                const QModelIndex current = m_details->currentIndex();
                if (!parent.isValid() && current.isValid() && current.row() >= first
                    && current.row() <= last)
                    m_nextCurrent = m_detailsProxy->index(last + 1, current.column());
            });
    connect(m_detailsProxy, &QAbstractItemModel::rowsRemoved, this, [this] {
        if (m_nextCurrent.isValid())
            m_details->selectionModel()->setCurrentIndex(m_nextCurrent,
                                                         QItemSelectionModel::NoUpdate);
        m_nextCurrent = QPersistentModelIndex();
    });
    m_details->setModel(m_detailsProxy);
    m_details->sortByColumn(RemoteTreeModel::NameColumn, Qt::AscendingOrder);
    QHeaderView *header = m_details->header();
    header->resizeSection(RemoteTreeModel::NameColumn, 340);
    header->resizeSection(RemoteTreeModel::SizeColumn, 100);
    header->resizeSection(RemoteTreeModel::ModifiedColumn, 150);
    header->resizeSection(RemoteTreeModel::TypeColumn, 170);
    connect(m_details->overlay(), &FolderOverlay::retryRequested, m_actions->refresh,
            &QAction::trigger);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("MainSplitter"));
    splitter->addWidget(m_tree);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({250, 750});

    auto *top = new QHBoxLayout;
    top->addWidget(m_location, 1);
    top->addWidget(m_filter);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(m_banner);
    layout->addLayout(top);
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    // The tree picks the folder the details view shows.
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (m_syncingTree || !current.isValid())
                    return;
                showFolder(m_model->pathForIndex(m_treeProxy->mapToSource(current)));
            });
    connect(m_details, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        const FileSpec *spec = m_model->specForIndex(m_detailsProxy->mapToSource(index));
        if (spec && spec->isDir())
            showFolder(spec->path);
        else if (spec)
            m_actions->download->trigger(); // a file "opens" by coming down to this computer
    });
    connect(m_details->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions(); // at once: a key pressed right after selecting must find them enabled
        scheduleStatus();
    });
    // Keys that act on selected items work where the items are (see WindowActions).
    m_tree->addActions(m_actions->selectionActions());
    m_details->addActions(m_actions->selectionActions());
    connect(m_tree, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) { showContextMenu(m_tree, pos); });
    connect(m_details, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) { showContextMenu(m_details, pos); });
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *, QWidget *now) {
        if (now == m_tree || now == m_details) {
            m_treeHadFocus = now == m_tree;
            scheduleStatus();
        }
    });

    // The model's news.
    connect(m_model, &RemoteTreeModel::pathRevealed, this, &MainWindow::onRevealed);
    connect(m_model, &RemoteTreeModel::entriesLeftOut, this,
            [this](const RemotePath &folder, const QStringList &why) {
                statusBar()->showMessage(tr("%1 left out of %2: %3")
                                             .arg(TextFormat::items(why.size()), folder.absolute(),
                                                  VisibleText::escaped(why.first())),
                                         15000);
            });
    connect(m_model, &RemoteTreeModel::revealFailed, this,
            [this](const RemotePath &path, const QString &message) {
                if (!m_pending || *m_pending != path)
                    return;
                const Navigation how = m_pendingHow;
                m_pending.reset();
                if (how == Navigation::Restore) {
                    showFolder(RemotePath(),
                               Navigation::Restore); // the last folder is gone: start at /data
                    return;
                }
                m_location->showError(message);
                statusBar()->showMessage(message, 8000);
            });
    connect(m_model, &RemoteTreeModel::folderGone, this, [this](const RemotePath &folder) {
        m_history.forget(folder);
        if (folder == m_current || folder.isAncestorOf(m_current)) {
            statusBar()->showMessage(tr("%1 no longer exists").arg(folder.absolute()), 8000);
            go(folder.parent(), Navigation::History);
        }
    });
    connect(m_model, &RemoteTreeModel::folderFailed, this,
            [this](const RemotePath &folder, const QString &message) {
                if (folder == m_current)
                    statusBar()->showMessage(
                        tr("Could not list %1: %2").arg(folder.absolute(), message), 10000);
                scheduleStatus();
            });
    connect(m_model, &RemoteTreeModel::busyChanged, this, [this](bool busy) {
        m_listing = busy;
        setBusy(m_organizing, m_organizeWhat);
    });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // Another account: its /data starts at the top, with no history from the last one.
        m_history = NavigationHistory();
        showFolder(RemotePath());
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_detailsProxy, signal, this, &MainWindow::scheduleStatus);
    connect(m_detailsProxy, &QAbstractItemModel::layoutChanged, this, &MainWindow::scheduleStatus);
    connect(m_detailsProxy, &FolderViewModel::arranged, this, &MainWindow::scheduleStatus);
    connect(m_detailsProxy, &FolderViewModel::listingOrderChanged, this,
            &MainWindow::scheduleStatus);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &MainWindow::scheduleStatus);

    // Drops and edits become jobs.
    connect(m_model, &RemoteTreeModel::moveRequested, m_organizer, &OrganizeController::move);
    connect(m_model, &RemoteTreeModel::renameRequested, m_organizer, &OrganizeController::rename);
    connect(m_model, &RemoteTreeModel::uploadRequested, m_transfers, &TransferActions::upload);
    connect(m_organizer, &OrganizeController::busyChanged, this, &MainWindow::setBusy);
    connect(m_organizer, &OrganizeController::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    connect(m_organizer, &OrganizeController::failed, this, &MainWindow::showError);
    connect(m_organizer, &OrganizeController::folderCreated, this, [this](const RemotePath &path) {
        const QModelIndex index = detailsIndexFor(path);
        if (index.isValid()) {
            m_details->setCurrentIndex(index);
            m_details->scrollTo(index);
        }
    });
    connect(m_transfers, &TransferActions::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
}
