// MainWindow: storage. The details view's folders are measured in the background (their sizes in
// the Size column) and the Storage panel breaks the current folder down; both follow the folder
// shown. MainWindow.cpp navigates; MainWindowViews.cpp builds the views.
#include "ui/MainWindow.h"

#include "models/RemoteTreeModel.h"
#include "ui/DockRoom.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/StorageDock.h"

#include <QAction>
#include <QMenu>
#include <QToolBar>

void MainWindow::buildStorage()
{
    m_storage = new StorageDock(m_model, this);
    addDockWidget(Qt::RightDockWidgetArea, m_storage);
    m_storage->hide(); // until asked for (restoreSettings() may show it again)
    new DockRoom(this, m_storage, 0.35);
    QAction *toggle = m_storage->toggleViewAction();
    toggle->setIcon(FileIconProvider::named(QStringLiteral("office-chart-bar")));
    m_viewMenu->addAction(toggle);
    if (auto *bar = findChild<QToolBar *>(QStringLiteral("MainToolBar"))) {
        bar->addSeparator();
        bar->addAction(toggle);
    }
    // Opened from the keyboard, the keys go on in the chart.
    connect(toggle, &QAction::triggered, this, [this](bool shown) {
        if (shown) {
            m_storage->raise();
            m_storage->setFocus(Qt::ShortcutFocusReason);
        }
    });

    connect(this, &MainWindow::folderShown, this, [this](const RemotePath &folder) {
        // The walks of the folder left behind stop; those of this one start.
        m_model->measureChildren(m_model->indexForPath(folder));
        m_storage->setFolder(folder);
    });
    connect(m_storage, &StorageDock::activated, this, [this](const RemotePath &path, bool) {
        navigateTo(path); // a folder is opened, a file selected in its folder
    });
}
