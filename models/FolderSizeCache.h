#pragma once

#include "network/api/RemotePath.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <optional>

class FilesClient;
class RemoteWalker;

// What each folder holds in all (files, folders, bytes), measured in the background with
// RemoteWalker (the API has no folder size; only the listing calls), kept per path. fal bills
// /data by the gigabyte, so the details view shows a folder's size as Dolphin shows a file's.
//
// Only the folders of the one folder the user is in are measured ("the focus"): at most
// maxWalks() walks at once, each with few listings in flight, so browsing stays quick and the
// server is not hammered; leaving the folder cancels the walks of its folders. A size stays known
// until the app changes something below it (invalidate()) or it is older than maxAgeMs() (then
// the next request() measures it again, showing the old size meanwhile).
class FolderSizeCache : public QObject
{
    Q_OBJECT
public:
    struct Size
    {
        int files = 0;
        int folders = 0; // below the folder, itself not counted
        qint64 bytes = 0;
    };
    struct Entry
    {
        bool known = false; // `size` is a finished measurement
        bool waiting = false; // queued for a walk
        bool measuring = false; // a walk is running: `soFar` is what it found until now
        Size size;
        Size soFar;
        QString error; // the last walk's failure, for people; empty when it worked
    };

    explicit FolderSizeCache(FilesClient *client, QObject *parent = nullptr);
    ~FolderSizeCache() override;

    Entry entry(const RemotePath &folder) const;
    // Measures `folder` unless its size is known and fresh, or it is already queued or running.
    void request(const RemotePath &folder);
    // The folder the user is in. Waiting and running walks of folders not directly in it stop.
    void setFocus(const RemotePath &folder);
    std::optional<RemotePath> focus() const { return m_focus; }
    // Something at `path` changed (added, removed, moved, listed again): the sizes of `path`,
    // of everything below it and of every folder above it are forgotten (and their walks
    // stopped). Whoever shows them asks again.
    void invalidate(const RemotePath &path);
    void clear(); // another account: nothing known is true any more

    void setMaxWalks(int walks) { m_maxWalks = qMax(1, walks); }
    int maxWalks() const { return m_maxWalks; }
    void setListingsPerWalk(int listings) { m_listingsPerWalk = qMax(1, listings); }
    void setMaxAgeMs(qint64 ms) { m_maxAgeMs = ms; }
    qint64 maxAgeMs() const { return m_maxAgeMs; }

    int runningWalks() const { return int(m_running.size()); }
    int waitingWalks() const { return int(m_waiting.size()); }
    int walksStarted() const { return m_walksStarted; } // since construction (tests)
    int walksCancelled() const { return m_walksCancelled; }

Q_SIGNALS:
    // The entry of `folder` changed: known, failed, forgotten, queued or measuring.
    void sizeChanged(const RemotePath &folder);
    // A walk of `folder` found more (entry().soFar).
    void progress(const RemotePath &folder);

private:
    struct Known
    {
        Size size;
        QString error;
        QElapsedTimer measuredAt;
    };
    void pump();
    void walkDone(const RemotePath &folder, RemoteWalker *walker);
    void stop(const RemotePath &folder);

    FilesClient *m_client;
    QHash<RemotePath, Known> m_known;
    QQueue<RemotePath> m_waiting;
    QHash<RemotePath, QPointer<RemoteWalker>> m_running;
    std::optional<RemotePath> m_focus;
    int m_maxWalks = 2;
    int m_listingsPerWalk = 2;
    qint64 m_maxAgeMs = 10 * 60 * 1000;
    int m_walksStarted = 0;
    int m_walksCancelled = 0;
};
