#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <optional>

// What a sync remembers between runs, in the transfer journal's SQLite file (tables of its own,
// through a connection of its own, so the engine's journal is untouched):
//
// - local hashes: path, size and mtime -> SHA-256, so an unchanged file is never read twice;
// - records: for each sync pair (account, local folder, /data folder), each file last seen in
//   sync with both sides' size and mtime. A file whose two sides still show exactly those is in
//   sync without any hashing (rclone's bisync keeps listings for the same reason). A remote mtime
//   of -1 means "just uploaded and verified by the engine, time not seen yet";
// - folder hashes: a local folder's sync_dir hash with the fingerprint it was computed at.
//
// Used from one thread (the planner's and runner's); workers get plain values.
class SyncStateStore
{
public:
    struct Record
    {
        qint64 localSize = -1;
        qint64 localMtimeMs = 0;
        qint64 remoteSize = -1;
        qint64 remoteMtimeMs = -1;
    };

    explicit SyncStateStore(const QString &databasePath);
    ~SyncStateStore();
    SyncStateStore(const SyncStateStore &) = delete;
    SyncStateStore &operator=(const SyncStateStore &) = delete;

    bool open(QString *error = nullptr);
    bool isOpen() const { return m_open; }

    static QString pairKey(const QString &account, const QString &localRoot,
                           const QString &remoteRoot);

    std::optional<QString> localHash(const QString &path, qint64 size, qint64 mtimeMs) const;
    void storeLocalHash(const QString &path, qint64 size, qint64 mtimeMs, const QString &sha256);

    QHash<QString, Record> records(const QString &pair) const;
    void storeRecords(const QString &pair, const QHash<QString, Record> &records);
    void removeRecords(const QString &pair, const QStringList &paths); // a path and all below

    std::optional<QString> folderHash(const QString &folder, const QString &fingerprint) const;
    void storeFolderHash(const QString &folder, const QString &fingerprint, const QString &sha256);

private:
    QString m_path;
    QString m_connectionName;
    bool m_open = false;
};
