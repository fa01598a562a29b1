#include "ui/DockRoom.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QResizeEvent>

DockRoom::DockRoom(QMainWindow *window, QDockWidget *dock, double share)
    : QObject(dock), m_window(window), m_dock(dock), m_share(share)
{
    m_lastWindowSize = window->size();
    window->installEventFilter(this);
    dock->installEventFilter(this);
}

bool DockRoom::across() const
{
    const Qt::DockWidgetArea area = m_window->dockWidgetArea(m_dock);
    return area == Qt::LeftDockWidgetArea || area == Qt::RightDockWidgetArea;
}

int DockRoom::extentOf(const QSize &size) const
{
    return across() ? size.width() : size.height();
}

bool DockRoom::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() != QEvent::Resize || m_dock->isFloating() || !m_dock->isVisible())
        return false;
    if (watched == m_dock) {
        // The window's layout runs before the window hears of its new size: a dock resized
        // while the window keeps its size was sized by the user (or the app), and that is the
        // size to give back later; one we asked for ourselves is not.
        const int now = extentOf(m_dock->size());
        if (m_window->size() == m_lastWindowSize && now != m_requested)
            m_preferred = now;
        return false;
    }
    if (watched != m_window)
        return false;
    const auto *resize = static_cast<QResizeEvent *>(event);
    const int most = int(extentOf(resize->size()) * m_share);
    const int now = extentOf(m_dock->size());
    int wanted = now;
    if (extentOf(resize->size()) < extentOf(resize->oldSize()))
        wanted = now > most ? qMax(most, extentOf(m_dock->minimumSizeHint())) : now;
    else if (m_preferred > now)
        wanted = qMin(m_preferred, most);
    if (wanted != now) {
        m_requested = wanted;
        m_window->resizeDocks({m_dock}, {wanted}, across() ? Qt::Horizontal : Qt::Vertical);
    }
    m_lastWindowSize = resize->size();
    return false;
}
