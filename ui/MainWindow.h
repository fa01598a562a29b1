#pragma once

#include "network/api/FileSpec.h"
#include "ui/browse/NavigationHistory.h"

#include <QMainWindow>
#include <QPersistentModelIndex>
#include <QTimer>
#include <memory>

class EmulatorBanner;
class FilesClient;
class LocationBar;
class OrganizeController;
class OrganizeQuestions;
class QLabel;
class QMenu;
class QLineEdit;
class QProgressBar;
class FolderViewModel;
class RemoteSortFilterProxy;
class RemoteTreeModel;
class RemoteView;
class AccountButton;
class SessionControl;
class StorageDock;
class SyncController;
class TransferActions;
class TransferService;
class TransfersDock;
class WindowActions;

// fal Files' main window: /data as a file manager shows a drive. Folder tree on the left (folders
// only), details of the current folder on the right (both views over one RemoteTreeModel through
// their own sort/filter proxies), a breadcrumb location bar, back/forward/up, a filter box, and a
// status bar with counts and sizes of the folder and of the selection. Organizing goes through
// OrganizeController, transfers through TransferActions and the TransferService.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `transferService` and `session` may be null (tests without transfers or accounts).
    MainWindow(FilesClient *client, TransferService *transferService,
               SessionControl *session = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Lists the way down, then shows the folder (or a file's folder, with the file selected);
    // errors go to the location bar.
    void navigateTo(const RemotePath &path);
    void restoreLastFolder(); // from the settings, /data when there is none
    RemotePath currentFolder() const { return m_current; }
    QList<FileSpec> selectedItems() const; // of the view that has (or last had) the focus
    void refreshSession(); // banner and titles after an account change
    void saveSettings() const; // geometry, columns, last folder

    // Tests answer the questions themselves.
    void setOrganizeQuestions(OrganizeQuestions *questions);

    RemoteTreeModel *model() const { return m_model; }
    FolderViewModel *detailsProxy() const { return m_detailsProxy; }
    RemoteSortFilterProxy *treeProxy() const { return m_treeProxy; }
    RemoteView *detailsView() const { return m_details; }
    RemoteView *folderTree() const { return m_tree; }
    LocationBar *locationBar() const { return m_location; }
    QLineEdit *filterBox() const { return m_filter; }
    EmulatorBanner *banner() const { return m_banner; }
    WindowActions *actions() const { return m_actions; }
    OrganizeController *organizer() const { return m_organizer; }
    TransferActions *transfers() const { return m_transfers; }
    TransfersDock *transfersDock() const { return m_dock; } // null without a TransferService
    StorageDock *storageDock() const { return m_storage; }
    SyncController *sync() const { return m_sync; } // null without a TransferService
    QString folderStatus() const;
    QString selectionStatus() const;

Q_SIGNALS:
    void folderShown(const RemotePath &folder);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    // Tab and Shift+Tab go round the places of the window (MainWindowKeys.cpp).
    bool focusNextPrevChild(bool next) override;

private:
    enum class Navigation { Visit, History, Restore };
    void go(const RemotePath &path, Navigation how);
    void buildViews();
    void buildMenusAndToolBar();
    void buildStatusBar();
    void buildKeyboard();
    void buildStorage(); // MainWindowStorage.cpp
    void showTransfers(); // the dock shown, raised and given the focus
    QList<QWidget *> tabStops() const;
    // The folder tree's item the actions act on: the one whose menu is open, else the current.
    QModelIndex treeItem() const;
    RemotePath actionFolder() const; // where New Folder and the uploads put things
    void connectActions();
    void showFolder(const RemotePath &folder, Navigation how = Navigation::Visit);
    void scheduleStatus();
    void onRevealed(const RemotePath &path);
    void updateActions();
    void updateStatus();
    void updateOverlay();
    void setBusy(bool busy, const QString &what);
    void showContextMenu(RemoteView *view, const QPoint &pos);
    void openSignIn();
    void signOut();
    void fitOnScreen();
    void showError(const QString &text);
    QModelIndex detailsIndexFor(const RemotePath &path) const;
    void restoreSettings();

    FilesClient *m_client;
    TransferService *m_transferService;
    SessionControl *m_session;
    AccountButton *m_account = nullptr;
    bool m_quitConfirmed = false; // asked once: the close that follows goes through
    RemoteTreeModel *m_model;
    RemoteSortFilterProxy *m_treeProxy;
    FolderViewModel *m_detailsProxy;
    RemoteView *m_tree = nullptr;
    RemoteView *m_details = nullptr;
    LocationBar *m_location = nullptr;
    QLineEdit *m_filter = nullptr;
    EmulatorBanner *m_banner = nullptr;
    WindowActions *m_actions = nullptr;
    OrganizeController *m_organizer = nullptr;
    std::unique_ptr<OrganizeQuestions> m_ownQuestions;
    TransferActions *m_transfers = nullptr;
    TransfersDock *m_dock = nullptr;
    StorageDock *m_storage = nullptr;
    SyncController *m_sync = nullptr;
    QLabel *m_folderInfo = nullptr;
    QLabel *m_selectionInfo = nullptr;
    QLabel *m_busyText = nullptr;
    QProgressBar *m_busyBar = nullptr;
    QMenu *m_viewMenu = nullptr;

    NavigationHistory m_history;
    RemotePath m_current;
    QPersistentModelIndex m_treeMenuItem; // the folder whose menu is open in the tree
    QPersistentModelIndex m_nextCurrent; // the details row after the current one, while it goes
    std::optional<RemotePath> m_pending; // a navigation waiting for its listings
    Navigation m_pendingHow = Navigation::Visit;
    QTimer m_statusTimer;
    bool m_treeHadFocus = false;
    bool m_syncingTree = false;
    bool m_organizing = false;
    bool m_listing = false;
    QString m_organizeWhat;
};
