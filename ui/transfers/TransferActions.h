#pragma once

#include "network/api/FileSpec.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

class DragOutExporter;
class QWidget;
class RemoteTreeModel;
class RemoteView;
class TransferService;

// The window's side of transfers: what people do to start them (drops of local files, the
// upload and download dialogs, drags out to the desktop, "Import from URL…") handed to the
// TransferService, and the tree
// kept current as the engine reports remote changes (refreshes coalesced, at most one per
// folder every half second).
class TransferActions : public QObject
{
    Q_OBJECT
public:
    TransferActions(TransferService *transfers, RemoteTreeModel *model, QWidget *window);

    void chooseFilesToUpload(const RemotePath &folder);
    void chooseFolderToUpload(const RemotePath &folder);
    void chooseDownloadFolder(const QList<FileSpec> &items);
    void askUrlToImport(const RemotePath &folder);

    // Without dialogs (drops, tests).
    qint64 upload(const QStringList &localPaths, const RemotePath &folder);
    qint64 download(const QList<FileSpec> &items, const QString &localFolder);
    qint64 importUrl(const QUrl &url, const RemotePath &target);

    void setRefreshDelayMs(int ms) { m_refreshTimer.setInterval(ms); }

    // Drags of `view`'s items out of the app download them where the desktop drops them.
    void offerDownloadsOnDragOut(RemoteView *view);
    DragOutExporter *dragOut() const { return m_dragOut; }

Q_SIGNALS:
    void message(const QString &text);

private:
    void remoteChanged(const RemotePath &folder);
    // An import's "Importing …" in the status bar is followed by how it ended, so the bar never
    // goes on saying "Importing" about an import that failed.
    void followImport(qint64 id);
    // The same for uploads and downloads asked for here: "Uploading x to y…" is followed by
    // "Uploaded x to y" (or how many failed) once the whole batch has ended.
    void followBatch(qint64 id);
    QString lastLocalFolder() const;
    void rememberLocalFolder(const QString &folder);

    TransferService *m_transfers;
    RemoteTreeModel *m_model;
    QPointer<QWidget> m_window;
    QSet<RemotePath> m_changed;
    QTimer m_refreshTimer;
    DragOutExporter *m_dragOut;
    QSet<qint64> m_importBatches; // started here, items not known yet
    QSet<qint64> m_imports; // items whose end is said in the status bar
    struct Said
    {
        bool upload = true;
        QString what; // "sdxl-finetune", "3 items"
        QString where;
    };
    QHash<qint64, Said> m_batches; // uploads and downloads whose end is said
};
