#pragma once

#include <QObject>

class QDockWidget;
class QMainWindow;

// Keeps a dock from crowding out the files in a small window. When the main window shrinks, a
// docked panel taller (bottom, top) or wider (left, right) than `share` of the window is made
// that size again, as far as its minimum allows. Growing the window leaves the dock alone: a
// panel the user made big in a big window stays big.
class DockRoom : public QObject
{
    Q_OBJECT
public:
    DockRoom(QMainWindow *window, QDockWidget *dock, double share);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QMainWindow *m_window;
    QDockWidget *m_dock;
    double m_share;
};
