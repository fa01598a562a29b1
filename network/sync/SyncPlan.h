#pragma once

#include "network/api/RemotePath.h"
#include "network/sync/SyncStateStore.h"
#include "network/sync/SyncTree.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// What a sync is asked to do.
struct SyncOptions
{
    enum class Direction { Upload, Download }; // local -> /data, or /data -> local
    Direction direction = Direction::Upload;
    QString localRoot; // absolute
    RemotePath remoteRoot;
    bool deleteExtra = false; // --delete: remove from the destination what the source lacks
    bool checksum = false; // --checksum: hash both sides even when sizes and times agree
    QStringList excludes; // --exclude patterns, after the ignore files
    // An upload leaves sync_dir's hash in the destination's .fal_hash (see SyncRunner); off, a
    // change no longer costs a read of the whole folder, and sync_dir no longer finds it in sync.
    bool writeFalHash = true;
    QString account; // whose /data (TransferEngine's account key): part of the pair's identity
    // The app: local files a download sync deletes go to the trash, where a person can get them
    // back (as Dolphin deletes). The CLI removes them, as rclone does. Not remembered with a pair.
    bool localDeletesToTrash = false;
};

// One thing a sync will do. Paths are relative to the synced folders.
struct SyncPlanEntry
{
    enum class Action { Upload, Download, Replace, Delete };
    Action action = Action::Upload;
    QString path;
    qint64 size = 0; // bytes to send, or to remove
    QString reason; // "new", "size differs", "content differs", "not in source"
    bool isDir = false; // a delete of a whole folder
    SyncFile source; // the source side's file (transfers)

    static QString actionName(Action action); // "upload", "download", "replace", "delete"
};

// The outcome of planning: the entries in path order, and what planning cost.
struct SyncPlan
{
    SyncOptions options;
    QList<SyncPlanEntry> entries;
    QStringList notes; // what was left out, and why
    QString ignoreSummary; // "12 patterns from .gitignore, .falignore and --exclude"
    int unchanged = 0; // files already the same on both sides
    int hashedLocally = 0; // files read here to compare them (not from the hash cache)
    qint64 bytesHashedLocally = 0;
    int remoteChecksums = 0; // exists?calculate_checksum=true requests
    // Files the sync cannot make the same (a name fal cannot store; a file on one side where the
    // other has a folder): left alone and said in notes; a run that leaves any is not a success.
    int unsyncable = 0;
    // Files found the same on both sides (or trusted so): recorded when the plan is run, so that
    // the next sync of the pair compares nothing.
    QHash<QString, SyncStateStore::Record> inSync;

    int count(SyncPlanEntry::Action action) const;
    qint64 bytes(SyncPlanEntry::Action action) const;
    qint64 bytesToSend() const; // uploads/downloads and replacements
    bool isEmpty() const { return entries.isEmpty(); }
    bool isUpload() const { return options.direction == SyncOptions::Direction::Upload; }

    // "+ upload   1.2 MiB  models/a.bin" lines and a total, for --dry-run and the log.
    QStringList lines() const;
    QString summary() const; // "3 to upload (1.2 MiB), 1 to replace (...), 2 to delete (...)"
    QJsonObject toJson() const;
};
