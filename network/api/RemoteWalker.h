#pragma once

#include "network/api/ApiError.h"
#include "network/api/FileSpec.h"
#include "network/api/Job.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QSet>
#include <QStringList>

class FilesClient;
class ListJob;

// Everything under a remote folder, found by listing folder after folder (the API lists one level
// at a time), a few listings in flight. Used to download a folder and to tell people what a
// recursive delete would remove. A composite job: cancelling it cancels its listings.
class RemoteWalker : public Job
{
    Q_OBJECT
public:
    RemoteWalker(FilesClient *client, const RemotePath &root, QObject *parent = nullptr);

    RemotePath root() const { return m_root; }
    const QList<FileSpec> &files() const { return m_files; }
    const QList<RemotePath> &emptyFolders() const { return m_emptyFolders; }
    int folderCount() const { return m_folderCount; } // listed so far, the root included
    int fileCount() const { return m_fileCount; }
    qint64 totalBytes() const { return m_totalBytes; }
    // Entries the listings held but that could not be used (see ListJob::skipped()).
    const QStringList &skipped() const { return m_skipped; }

    // Listings in flight at once (4 unless set before start()): a walk that runs beside others
    // (folder sizes) takes fewer, so the folder the user opens is not queued behind it.
    void setListingsInFlight(int listings) { m_listingsInFlight = qMax(1, listings); }
    // Counting only (files() stays empty): a size needs the totals, not 100,000 FileSpecs.
    void setKeepFiles(bool keep) { m_keepFiles = keep; }

    static constexpr int kMaxDepth = 64; // folders below the root
    static constexpr qint64 kMaxEntries = 5'000'000;

Q_SIGNALS:
    void progress(int filesFound, qint64 bytesFound);

protected:
    void doStart() override;
    void doCancel() override;

private:
    void pump();
    void finish(const ApiError &error);
    int depthOf(const RemotePath &folder) const;

    FilesClient *m_client;
    RemotePath m_root;
    QQueue<RemotePath> m_pending;
    QList<QPointer<ListJob>> m_running;
    QList<FileSpec> m_files;
    QList<RemotePath> m_emptyFolders;
    int m_folderCount = 0;
    int m_fileCount = 0;
    int m_listingsInFlight = 4;
    bool m_keepFiles = true;
    qint64 m_entries = 0;
    QSet<RemotePath> m_seen;
    QStringList m_skipped;
    qint64 m_totalBytes = 0;
};
