#include "network/sync/SyncStateStore.h"

#include "network/sync/SyncLog.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

namespace {

void warnIfFailed(QSqlQuery &query)
{
    if (!query.exec())
        qCWarning(lcSync).noquote() << "sync state:" << query.lastError().text();
}

} // namespace

SyncStateStore::SyncStateStore(const QString &databasePath)
    : m_path(databasePath)
    , m_connectionName(QStringLiteral("fal-sync-") + QUuid::createUuid().toString(QUuid::Id128))
{
}

SyncStateStore::~SyncStateStore()
{
    if (m_open)
        QSqlDatabase::database(m_connectionName).close();
    QSqlDatabase::removeDatabase(m_connectionName);
}

bool SyncStateStore::open(QString *error)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        if (error)
            *error = QStringLiteral("Cannot open %1: %2").arg(m_path, db.lastError().text());
        return false;
    }
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    for (const char *sql :
         {"CREATE TABLE IF NOT EXISTS sync_local_hashes (path TEXT PRIMARY KEY, size INTEGER, "
          "mtime_ms INTEGER, sha256 TEXT)",
          "CREATE TABLE IF NOT EXISTS sync_records (pair TEXT, path TEXT, local_size INTEGER, "
          "local_mtime_ms INTEGER, remote_size INTEGER, remote_mtime_ms INTEGER, "
          "PRIMARY KEY (pair, path))",
          "CREATE TABLE IF NOT EXISTS sync_folder_hashes (folder TEXT PRIMARY KEY, "
          "fingerprint TEXT, sha256 TEXT)"}) {
        if (!query.exec(QString::fromLatin1(sql))) {
            if (error)
                *error = QStringLiteral("Cannot prepare the sync tables in %1: %2")
                             .arg(m_path, query.lastError().text());
            return false;
        }
    }
    m_open = true;
    return true;
}

QString SyncStateStore::pairKey(const QString &account, const QString &localRoot,
                                const QString &remoteRoot)
{
    return account + QLatin1Char('\n') + localRoot + QLatin1Char('\n') + remoteRoot;
}

std::optional<QString> SyncStateStore::localHash(const QString &path, qint64 size,
                                                 qint64 mtimeMs) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "SELECT sha256 FROM sync_local_hashes WHERE path = ? AND size = ? AND mtime_ms = ?"));
    query.addBindValue(path);
    query.addBindValue(size);
    query.addBindValue(mtimeMs);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return std::nullopt;
}

void SyncStateStore::storeLocalHash(const QString &path, qint64 size, qint64 mtimeMs,
                                    const QString &sha256)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_local_hashes (path, size, mtime_ms, "
                                 "sha256) VALUES (?, ?, ?, ?)"));
    query.addBindValue(path);
    query.addBindValue(size);
    query.addBindValue(mtimeMs);
    query.addBindValue(sha256);
    warnIfFailed(query);
}

QHash<QString, SyncStateStore::Record> SyncStateStore::records(const QString &pair) const
{
    QHash<QString, Record> result;
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT path, local_size, local_mtime_ms, remote_size, "
                                 "remote_mtime_ms FROM sync_records WHERE pair = ?"));
    query.addBindValue(pair);
    if (!query.exec())
        return result;
    while (query.next()) {
        result.insert(query.value(0).toString(),
                      {query.value(1).toLongLong(), query.value(2).toLongLong(),
                       query.value(3).toLongLong(), query.value(4).toLongLong()});
    }
    return result;
}

void SyncStateStore::storeRecords(const QString &pair, const QHash<QString, Record> &records)
{
    if (records.isEmpty())
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    db.transaction(); // one commit for thousands of rows
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO sync_records (pair, path, local_size, local_mtime_ms, "
        "remote_size, remote_mtime_ms) VALUES (?, ?, ?, ?, ?, ?)"));
    for (auto it = records.cbegin(); it != records.cend(); ++it) {
        query.addBindValue(pair);
        query.addBindValue(it.key());
        query.addBindValue(it->localSize);
        query.addBindValue(it->localMtimeMs);
        query.addBindValue(it->remoteSize);
        query.addBindValue(it->remoteMtimeMs);
        warnIfFailed(query);
    }
    db.commit();
}

void SyncStateStore::removeRecords(const QString &pair, const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral(
        "DELETE FROM sync_records WHERE pair = ? AND (path = ? OR (path >= ? AND path < ?))"));
    for (const QString &path : paths) {
        // Everything below "p" sorts (as UTF-8 bytes) from "p/" to just before "p0".
        query.addBindValue(pair);
        query.addBindValue(path);
        query.addBindValue(QString(path + QLatin1Char('/')));
        query.addBindValue(QString(path + QLatin1Char('0')));
        warnIfFailed(query);
    }
    db.commit();
}

std::optional<QString> SyncStateStore::folderHash(const QString &folder,
                                                  const QString &fingerprint) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "SELECT sha256 FROM sync_folder_hashes WHERE folder = ? AND fingerprint = ?"));
    query.addBindValue(folder);
    query.addBindValue(fingerprint);
    if (query.exec() && query.next())
        return query.value(0).toString();
    return std::nullopt;
}

void SyncStateStore::storeFolderHash(const QString &folder, const QString &fingerprint,
                                     const QString &sha256)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO sync_folder_hashes (folder, fingerprint, "
                                 "sha256) VALUES (?, ?, ?)"));
    query.addBindValue(folder);
    query.addBindValue(fingerprint);
    query.addBindValue(sha256);
    warnIfFailed(query);
}
