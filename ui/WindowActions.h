#pragma once

#include <QObject>

class QAction;
class QWidget;

// Every command of the main window as a QAction with its icon, shortcut and tooltip, made in
// one place so menus, toolbar and context menus share them and their enabled state.
class WindowActions : public QObject
{
    Q_OBJECT
public:
    explicit WindowActions(QWidget *window);

    QAction *back;
    QAction *forward;
    QAction *up;
    QAction *refresh;
    QAction *editLocation;
    QAction *filter;
    QAction *newFolder;
    QAction *rename;
    QAction *undo;
    QAction *remove;
    QAction *copyPath;
    QAction *copyPython;
    QAction *copyUrlPath;
    QAction *uploadFiles;
    QAction *uploadFolder;
    QAction *download;
    QAction *importUrl;
    QAction *signIn;
    QAction *signOut;
    QAction *quit;
    QAction *about;

    // The property holding an action's own tooltip, for when a reason ("the API cannot...")
    // stood in it for a while.
    static constexpr const char *kDefaultToolTip = "falDefaultToolTip";

    QList<QAction *> all() const;
    // The actions on selected items: their shortcuts work only in the widgets they are added to.
    QList<QAction *> selectionActions() const;

private:
    QAction *make(const QString &name, const QString &text, const QString &icon,
                  const QKeySequence &shortcut, const QString &tip);
    QWidget *m_window;
};
