#pragma once

#include "models/ListingDiff.h"
#include "network/api/ApiError.h"
#include "network/api/RemotePath.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class FilesClient;
class ListJob;

// Lists folders for the remote tree and turns each answer into a ListingDiff, all off the UI
// thread: the JSON is parsed by ListJob on a worker, the diff against what the folder shows is
// computed on a worker too. The snapshot of the folder is asked for when the answer is in (not
// when the request goes out), so changes made meanwhile are part of it.
class FolderLister : public QObject
{
    Q_OBJECT
public:
    struct Snapshot
    {
        bool exists = false;
        QList<FileSpec> current;
        LocalExpectations expectations;
        bool expectedByParent = false; // the app created this folder itself a moment ago
        quint64 revision = 0;
        ListingDiff::Order order;
    };
    using SnapshotProvider = std::function<Snapshot(const RemotePath &)>;

    FolderLister(FilesClient *client, SnapshotProvider snapshots, QObject *parent = nullptr);

    bool isListing(const RemotePath &folder) const { return m_jobs.contains(folder); }
    void list(const RemotePath &folder);
    // Diffs an answer again (the folder changed while the first diff was being computed).
    void rediff(const RemotePath &folder, const QList<FileSpec> &listed);
    void cancelAll();

Q_SIGNALS:
    // `revision` is the snapshot's; diff.answer() is the answer, for a rediff.
    void diffReady(const RemotePath &folder, const ListingDiff &diff, quint64 revision);
    void failed(const RemotePath &folder, const ApiError &error);
    // An empty answer for a folder that the server says does not exist (any more).
    void gone(const RemotePath &folder);
    // Entries of the answer that could not be shown (see ListJob::skipped()), unescaped.
    void entriesLeftOut(const RemotePath &folder, const QStringList &why);

private:
    void onListed(ListJob *job);
    void checkGone(const RemotePath &folder);
    void startDiff(const RemotePath &folder, QList<FileSpec> listed);

    FilesClient *m_client;
    SnapshotProvider m_snapshots;
    QHash<RemotePath, QPointer<ListJob>> m_jobs;
    quint64 m_generation = 0; // bumped by cancelAll(): answers from before are dropped
};
