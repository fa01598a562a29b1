#include "ui/WindowActions.h"

#include "ui/browse/FileIconProvider.h"

#include <QAction>
#include <QWidget>

WindowActions::WindowActions(QWidget *window) : QObject(window), m_window(window)
{
    back = make(QStringLiteral("back"), tr("&Back"), QStringLiteral("go-previous"),
                QKeySequence::Back, tr("Go back to the previous folder"));
    // Backspace too, as in Dolphin. A text field with the focus keeps it for deleting (it takes
    // the key through ShortcutOverride), so typing in the filter or the location bar is safe.
    back->setShortcuts({QKeySequence(QKeySequence::Back), QKeySequence(Qt::Key_Backspace)});
    back->setToolTip(tr("%1 (%2 or Backspace)")
                         .arg(back->statusTip(),
                              QKeySequence(QKeySequence::Back).toString(QKeySequence::NativeText)));
    forward = make(QStringLiteral("forward"), tr("&Forward"), QStringLiteral("go-next"),
                   QKeySequence::Forward, tr("Go forward again"));
    up = make(QStringLiteral("up"), tr("&Up"), QStringLiteral("go-up"),
              QKeySequence(Qt::ALT | Qt::Key_Up), tr("Go to the folder that contains this one"));
    refresh
        = make(QStringLiteral("refresh"), tr("&Refresh"), QStringLiteral("view-refresh"),
               QKeySequence::Refresh, tr("List this folder again (changes made elsewhere appear)"));
    editLocation = make(QStringLiteral("editLocation"), tr("Edit &Location"),
                        QStringLiteral("document-open"), QKeySequence(Qt::CTRL | Qt::Key_L),
                        tr("Type the path of a folder to go to"));
    filter = make(QStringLiteral("filter"), tr("&Filter…"), QStringLiteral("view-filter"),
                  QKeySequence::Find, tr("Show only the items of this folder whose names match"));
    newFolder
        = make(QStringLiteral("newFolder"), tr("New &Folder…"), QStringLiteral("folder-new"),
               QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), tr("Create a folder here on /data"));
    rename = make(QStringLiteral("rename"), tr("Re&name"), QStringLiteral("edit-rename"),
                  QKeySequence(Qt::Key_F2), tr("Rename the selected item in place"));
    undo = make(QStringLiteral("undo"), tr("&Undo"), QStringLiteral("edit-undo"),
                QKeySequence::Undo, tr("Reverse the last rename or move"));
    remove = make(QStringLiteral("remove"), tr("&Delete…"), QStringLiteral("edit-delete"),
                  QKeySequence::Delete,
                  tr("Delete the selected items from /data (asks first; cannot be undone)"));
    copyPath
        = make(QStringLiteral("copyPath"), tr("&Copy Path"), QStringLiteral("edit-copy"),
               QKeySequence::Copy, tr("Copy the /data paths of the selected items, one per line"));
    copyPython = make(QStringLiteral("copyPython"), tr("Copy as &Python"),
                      QStringLiteral("edit-copy"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C),
                      tr("Copy the paths as a Python string, or a list for several"));
    copyUrlPath
        = make(QStringLiteral("copyUrlPath"), tr("Copy as &URL Path"), QStringLiteral("edit-copy"),
               QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C),
               tr("Copy the REST route that downloads the item (/files/file/…); never the key"));
    uploadFiles = make(QStringLiteral("uploadFiles"), tr("&Upload Files…"),
                       QStringLiteral("cloud-upload"), QKeySequence(Qt::CTRL | Qt::Key_U),
                       tr("Upload files from this computer into this folder"));
    uploadFolder
        = make(QStringLiteral("uploadFolder"), tr("Upload F&older…"),
               QStringLiteral("cloud-upload"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
               tr("Upload a folder from this computer, with everything in it, into this folder"));
    download = make(QStringLiteral("download"), tr("Do&wnload…"), QStringLiteral("cloud-download"),
                    QKeySequence(Qt::CTRL | Qt::Key_D),
                    tr("Download the selected items to a folder on this computer"));
    importUrl = make(QStringLiteral("importUrl"), tr("&Import from URL…"),
                     QStringLiteral("document-import"), QKeySequence(Qt::CTRL | Qt::Key_I),
                     tr("Have fal's servers fetch a URL into this folder"));
    signIn = make(QStringLiteral("signIn"), tr("&Sign In…"), QStringLiteral("network-connect"),
                  QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                  tr("Use a fal key to open your own /data"));
    signOut = make(QStringLiteral("signOut"), tr("Sign &Out"), QStringLiteral("system-log-out"),
                   QKeySequence(), tr("Forget the saved key and go back to the built-in emulator"));
    // The platform theme knows Quit's key; without one (offscreen, bare X) it would be empty.
    QKeySequence quitKey(Qt::CTRL | Qt::Key_Q);
    for (const QKeySequence &key : QKeySequence::keyBindings(QKeySequence::Quit)) {
        if (!key.isEmpty()) {
            quitKey = key;
            break;
        }
    }
    quit = make(QStringLiteral("quit"), tr("&Quit"), QStringLiteral("application-exit"), quitKey,
                tr("Quit fal Files (transfers resume at the next start)"));
    about = make(QStringLiteral("about"), tr("&About fal Files"), QStringLiteral("help-about"),
                 QKeySequence(Qt::SHIFT | Qt::Key_F1), tr("Version and licences"));
    // What acts on selected items answers its keys only where those items are: in the folder
    // tree or the details view (MainWindow adds them there). Del with the focus in the
    // transfers dock or the location bar must never reach a remote file.
    for (QAction *action : selectionActions()) {
        m_window->removeAction(action);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    }
    quit->setMenuRole(QAction::QuitRole);
    about->setMenuRole(QAction::AboutRole);
}

QAction *WindowActions::make(const QString &name, const QString &text, const QString &icon,
                             const QKeySequence &shortcut, const QString &tip)
{
    auto *action = new QAction(FileIconProvider::named(icon), text, m_window);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    // The tooltip says what it does and how to get there from the keyboard.
    action->setToolTip(shortcut.isEmpty()
                           ? tip
                           : tr("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    action->setProperty(kDefaultToolTip, action->toolTip()); // for when a reason stands in it
    action->setStatusTip(tip);
    m_window->addAction(action); // shortcuts work wherever the focus is in the window
    return action;
}

QList<QAction *> WindowActions::all() const
{
    return {back,         forward,  up,        refresh,  editLocation, filter,      newFolder,
            rename,       undo,     remove,    copyPath, copyPython,   copyUrlPath, uploadFiles,
            uploadFolder, download, importUrl, signIn,   signOut,      quit,        about};
}

QList<QAction *> WindowActions::selectionActions() const
{
    return {rename, remove, copyPath, copyPython, copyUrlPath, download};
}
