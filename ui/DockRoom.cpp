#include "ui/DockRoom.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QResizeEvent>

DockRoom::DockRoom(QMainWindow *window, QDockWidget *dock, double share)
    : QObject(dock), m_window(window), m_dock(dock), m_share(share)
{
    window->installEventFilter(this);
}

bool DockRoom::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window || event->type() != QEvent::Resize || m_dock->isFloating()
        || !m_dock->isVisible())
        return false;
    const auto *resize = static_cast<QResizeEvent *>(event);
    const Qt::DockWidgetArea area = m_window->dockWidgetArea(m_dock);
    const bool across = area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea;
    const auto extent
        = [across](const QSize &size) { return across ? size.width() : size.height(); };
    if (extent(resize->size()) >= extent(resize->oldSize()))
        return false;
    const int most = int(extent(resize->size()) * m_share);
    if (extent(m_dock->size()) > most)
        m_window->resizeDocks({m_dock}, {qMax(most, extent(m_dock->minimumSizeHint()))},
                              across ? Qt::Horizontal : Qt::Vertical);
    return false;
}
