// MainWindow: the keyboard and the focus. Tab goes round tree → details → location bar → filter
// → transfers dock → Storage panel, the location bar completes folder names and gives the focus
// back to the files, Esc in the filter clears it, the status bar's transfer summary opens the
// dock.
// MainWindow.cpp navigates; MainWindowViews.cpp builds the views.
#include "ui/MainWindow.h"

#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "ui/browse/LocationBar.h"
#include "ui/browse/LocationCompleter.h"
#include "ui/browse/RemoteView.h"
#include "ui/browse/StorageDock.h"
#include "ui/transfers/TransfersDock.h"

#include <QAction>
#include <QLineEdit>
#include <QTableView>

void MainWindow::buildKeyboard()
{
    new LocationCompleter(m_model, m_location->lineEdit());
    // Enter went to the folder, or Esc gave up: the keys go on in the files, as in Dolphin.
    connect(m_location, &LocationBar::focusReleased, this,
            [this] { m_details->setFocus(Qt::OtherFocusReason); });

    // Esc in the filter clears it and leaves it; the files get the keys again.
    auto *leaveFilter = new QAction(m_filter);
    leaveFilter->setShortcut(QKeySequence(Qt::Key_Escape));
    leaveFilter->setShortcutContext(Qt::WidgetShortcut);
    m_filter->addAction(leaveFilter);
    connect(leaveFilter, &QAction::triggered, this, [this] {
        m_filter->clear();
        m_details->setFocus(Qt::OtherFocusReason);
    });
}

void MainWindow::showTransfers()
{
    if (!m_dock)
        return;
    m_dock->show();
    m_dock->raise();
    m_dock->view()->setFocus(Qt::OtherFocusReason);
}

QList<QWidget *> MainWindow::tabStops() const
{
    QList<QWidget *> stops;
    for (QWidget *stop : {static_cast<QWidget *>(m_tree), static_cast<QWidget *>(m_details),
                          static_cast<QWidget *>(m_location), static_cast<QWidget *>(m_filter)}) {
        if (stop->isVisible())
            stops << stop;
    }
    // A floating dock is a window of its own, with its own Tab.
    if (m_dock && m_dock->isVisible() && !m_dock->isFloating())
        stops << m_dock->view();
    if (m_storage && m_storage->isVisible() && !m_storage->isFloating())
        stops << m_storage->focusProxy();
    return stops;
}

bool MainWindow::focusNextPrevChild(bool next)
{
    // Qt's chain would also stop at every crumb, toolbar button and header, and the transfers
    // table would keep Tab for its cells; one stop per place is what a file manager does.
    const QList<QWidget *> stops = tabStops();
    const QWidget *focus = focusWidget();
    qsizetype at = -1;
    for (qsizetype i = 0; i < stops.size() && focus; ++i) {
        if (stops.at(i) == focus || stops.at(i)->isAncestorOf(focus))
            at = i;
    }
    if (at < 0 || stops.size() < 2)
        return QMainWindow::focusNextPrevChild(next);
    QWidget *to = stops.at((at + (next ? 1 : stops.size() - 1)) % stops.size());
    if (to == m_location)
        m_location->startEditing(); // the bar's keyboard form is its text field
    else
        to->setFocus(next ? Qt::TabFocusReason : Qt::BacktabFocusReason);
    return true;
}

QModelIndex MainWindow::treeItem() const
{
    return m_treeMenuItem.isValid() ? QModelIndex(m_treeMenuItem) : m_tree->currentIndex();
}

RemotePath MainWindow::actionFolder() const
{
    if (m_treeMenuItem.isValid())
        return m_model->pathForIndex(m_treeProxy->mapToSource(m_treeMenuItem));
    return m_current;
}
