#pragma once

#include "network/api/ApiError.h"
#include "network/api/FileSpec.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class FilesClient;
class RemoteWalker;

// What a delete would remove, counted before anyone is asked: for each selected folder the files
// and folders under it (walked with RemoteWalker, since the API lists one level at a time).
struct DeleteSummary
{
    QList<FileSpec> items; // what was selected
    QList<int> filesUnder; // per item: files under a folder (0 for a file)
    QList<int> foldersUnder; // per item: folders under a folder
    QList<qint64> bytesUnder; // per item: bytes of a file, or of everything under a folder
    QStringList problems; // folders that could not be counted, and why

    int totalFiles() const; // selected files + files under selected folders
    qint64 totalBytes() const;
    bool hasFolders() const;
    QString title() const; // "Delete 3 items?"
    QString text() const; // names what goes, counts, and says it is recursive and final
};

// Counts what a delete of `items` would remove, then emits finished() once.
class DeleteConfirmation : public QObject
{
    Q_OBJECT
public:
    DeleteConfirmation(FilesClient *client, QList<FileSpec> items, QObject *parent = nullptr);

    void start();
    void cancel();
    const DeleteSummary &summary() const { return m_summary; }

Q_SIGNALS:
    void finished(const DeleteSummary &summary);

private:
    void walkerDone(int index, RemoteWalker *walker);

    FilesClient *m_client;
    DeleteSummary m_summary;
    int m_pending = 0;
    QList<QPointer<RemoteWalker>> m_walkers;
};
