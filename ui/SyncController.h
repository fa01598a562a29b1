#pragma once

#include "network/sync/SyncPlan.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

class FilesClient;
class QAction;
class QMenu;
class QWidget;
class SyncDialog;
class SyncRunner;
class TransferService;

// The app's side of sync: "Sync Folder…" opens a SyncDialog (from a local folder to the folder
// shown, or the reverse), its plan runs as one job in the transfers dock (SyncRunner on a
// ServiceSyncQueue), and each pair run is remembered (QSettings, newest first, at most
// kMaxRecent) for the "Recent Syncs" menu, which opens the dialog on the pair with its plan.
class SyncController : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxRecent = 8;

    SyncController(FilesClient *client, TransferService *service, QWidget *window,
                   std::function<RemotePath()> currentFolder);

    QAction *syncAction() const { return m_action; }
    QMenu *recentMenu() const { return m_recent; }

    // Opens the dialog: on `preset` with its plan already asked for, else on the folder shown.
    // Null, with failed() saying why, when the API in use cannot sync.
    SyncDialog *openDialog(const SyncOptions *preset = nullptr);
    void run(const SyncPlan &plan);
    bool isRunning() const { return !m_runners.isEmpty(); }

    QList<SyncOptions> recentPairs() const;
    void setSettingsGroup(const QString &group) { m_group = group; } // tests

Q_SIGNALS:
    void message(const QString &text); // for the status bar
    void failed(const QString &text); // for an error box
    void finished();

private:
    void remember(const SyncOptions &options);
    void rebuildRecentMenu();
    static QString describe(const SyncOptions &options);

    FilesClient *m_client;
    TransferService *m_service;
    QWidget *m_window;
    std::function<RemotePath()> m_currentFolder;
    QAction *m_action;
    QMenu *m_recent;
    QString m_group = QStringLiteral("sync");
    QList<QPointer<SyncRunner>> m_runners;
};
