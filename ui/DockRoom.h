#pragma once

#include <QObject>
#include <QSize>

class QDockWidget;
class QMainWindow;

// Keeps a dock from crowding out the files in a small window. When the main window shrinks, a
// docked panel taller (bottom, top) or wider (left, right) than `share` of the window is made
// that size again, as far as its minimum allows; when the window grows again, the panel gets
// back up to the size it had before, never more than `share`. A panel the user made big in a big
// window stays big.
class DockRoom : public QObject
{
    Q_OBJECT
public:
    DockRoom(QMainWindow *window, QDockWidget *dock, double share);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool across() const; // docked left or right: its extent is its width
    int extentOf(const QSize &size) const;

    QMainWindow *m_window;
    QDockWidget *m_dock;
    double m_share;
    QSize m_lastWindowSize;
    int m_preferred = 0; // the size the user gave the dock; 0: none yet
    int m_requested = -1; // the last size asked for here
};
