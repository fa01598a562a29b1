#include "network/transfer/TransferJournal.h"

#include "network/transfer/JournalOwnerLock.h"
#include "network/transfer/TransferLog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

namespace {

constexpr int kSchemaVersion = 3; // 2: transfers.account; 3: transfers.owner (a lock token)

QVariant timeValue(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant();
}

QDateTime timeFrom(const QVariant &value)
{
    return value.isNull() ? QDateTime()
                          : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

const char *const kColumns
    = "batch_id, direction, local_path, remote_path, source_url, size, local_mtime, state, "
      "bytes_done, error, error_kind, note, conflict_policy, upload_id, part_size, "
      "content_md5, validator, expected_sha256, created_at, finished_at, account";
constexpr int kColumnCount = 21;

void bindItem(QSqlQuery &query, const TransferItem &item)
{
    query.addBindValue(item.batchId);
    query.addBindValue(TransferItem::directionName(item.direction));
    query.addBindValue(item.localPath);
    query.addBindValue(item.remotePath.relative());
    query.addBindValue(item.sourceUrl);
    query.addBindValue(item.size);
    query.addBindValue(timeValue(item.localModified));
    query.addBindValue(TransferItem::stateName(item.state));
    query.addBindValue(item.bytesDone);
    query.addBindValue(item.error);
    query.addBindValue(int(item.errorKind));
    query.addBindValue(item.note);
    query.addBindValue(TransferItem::conflictPolicyName(item.conflictPolicy));
    query.addBindValue(item.multipart.uploadId);
    query.addBindValue(item.multipart.partSize);
    query.addBindValue(item.multipart.contentMd5);
    query.addBindValue(item.validator);
    query.addBindValue(item.expectedSha256);
    query.addBindValue(timeValue(item.createdAt));
    query.addBindValue(timeValue(item.finishedAt));
    query.addBindValue(item.account);
}

} // namespace

TransferJournal::TransferJournal(const QString &path)
    : m_path(path)
    , m_connectionName(QStringLiteral("fal-journal-")
                       + QUuid::createUuid().toString(QUuid::WithoutBraces))
{
}

TransferJournal::~TransferJournal()
{
    if (m_open) {
        releaseAll();
        QSqlDatabase::database(m_connectionName).close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString TransferJournal::defaultPath(const QString &fileName)
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QLatin1Char('/')
        + fileName;
}

bool TransferJournal::open(QString *error)
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_owner = std::make_unique<JournalOwnerLock>(m_path);
    if (!m_owner->acquire(&m_lastError)) {
        if (error)
            *error = m_lastError;
        return false;
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        m_lastError = QStringLiteral("Cannot open the transfer journal %1: %2")
                          .arg(m_path, db.lastError().text());
        if (error)
            *error = m_lastError;
        return false;
    }
    QFile::setPermissions(m_path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QSqlQuery pragma(db);
    // WAL: a commit is an append, cheap enough to do after every part; NORMAL keeps it durable
    // across an application crash (the case that matters here) without an fsync per commit.
    pragma.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    pragma.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    pragma.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    m_open = migrate();
    if (!m_open && error)
        *error = m_lastError;
    return m_open;
}

bool TransferJournal::exec(QSqlQuery &query)
{
    if (query.exec())
        return true;
    m_lastError = QStringLiteral("transfer journal: %1").arg(query.lastError().text());
    qCWarning(lcTransfers).noquote() << m_lastError << query.lastQuery();
    return false;
}

bool TransferJournal::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA user_version"));
    const int version = query.next() ? query.value(0).toInt() : 0;
    if (version == kSchemaVersion)
        return true;
    if (version > kSchemaVersion) {
        m_lastError = QStringLiteral("the transfer journal %1 was written by a newer fal Files")
                          .arg(m_path);
        return false;
    }
    if (version == 1) {
        // Version 1 had no account column: its items belonged to whoever used the journal.
        query.prepare(QStringLiteral("ALTER TABLE transfers ADD COLUMN account TEXT"));
        if (!exec(query))
            return false;
    }
    if (version >= 1 && version < 3) {
        // Owners were pids (owner_pid, left unused): items start unowned.
        query.prepare(QStringLiteral("ALTER TABLE transfers ADD COLUMN owner TEXT"));
        if (!exec(query))
            return false;
    }
    const QStringList statements = {
        QStringLiteral(
            "CREATE TABLE IF NOT EXISTS transfers (id INTEGER PRIMARY KEY AUTOINCREMENT, "
            "batch_id INTEGER, direction TEXT NOT NULL, local_path TEXT, remote_path TEXT, "
            "source_url TEXT, size INTEGER, local_mtime INTEGER, state TEXT NOT NULL, "
            "bytes_done INTEGER, error TEXT, error_kind INTEGER, note TEXT, conflict_policy TEXT, "
            "upload_id TEXT, part_size INTEGER, content_md5 TEXT, validator TEXT, "
            "expected_sha256 TEXT, created_at INTEGER, finished_at INTEGER, owner_pid INTEGER, "
            "account TEXT, owner TEXT)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS parts (transfer_id INTEGER NOT NULL REFERENCES "
                       "transfers(id) "
                       "ON DELETE CASCADE, part_number INTEGER NOT NULL, etag TEXT NOT NULL, "
                       "PRIMARY KEY (transfer_id, part_number))"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS batches (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                       "created_at INTEGER)"),
        QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion),
    };
    for (const QString &statement : statements) {
        query.prepare(statement);
        if (!exec(query))
            return false;
    }
    return true;
}

qint64 TransferJournal::newBatchId()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("INSERT INTO batches (created_at) VALUES (?)"));
    query.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return exec(query) ? query.lastInsertId().toLongLong() : 0;
}

bool TransferJournal::insert(QList<TransferItem> &items)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO transfers (%1, owner) VALUES (%2?)")
                      .arg(QLatin1String(kColumns), QStringLiteral("?, ").repeated(kColumnCount)));
    for (TransferItem &item : items) {
        bindItem(query, item);
        query.addBindValue(m_owner->token());
        if (!exec(query)) {
            db.rollback();
            return false;
        }
        item.id = query.lastInsertId().toLongLong();
    }
    return db.commit();
}

bool TransferJournal::update(const TransferItem &item)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    QString assignments
        = QString::fromLatin1(kColumns).replace(QLatin1String(", "), QLatin1String(" = ?, "))
        + QLatin1String(" = ?");
    query.prepare(QStringLiteral("UPDATE transfers SET %1 WHERE id = ?").arg(assignments));
    bindItem(query, item);
    query.addBindValue(item.id);
    return exec(query);
}

bool TransferJournal::recordPart(qint64 id, int partNumber, const QString &etag)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO parts (transfer_id, part_number, etag) VALUES (?, ?, ?)"));
    query.addBindValue(id);
    query.addBindValue(partNumber);
    query.addBindValue(etag);
    return exec(query);
}

bool TransferJournal::clearParts(qint64 id)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("DELETE FROM parts WHERE transfer_id = ?"));
    query.addBindValue(id);
    return exec(query);
}

bool TransferJournal::remove(const QList<qint64> &ids)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("DELETE FROM transfers WHERE id = ?"));
    for (const qint64 id : ids) {
        query.addBindValue(id);
        if (!exec(query)) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

QList<TransferItem> TransferJournal::loadAll()
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT id, %1 FROM transfers ORDER BY id").arg(QLatin1String(kColumns)));
    QList<TransferItem> items;
    if (!exec(query))
        return items;
    QHash<qint64, qsizetype> index;
    while (query.next()) {
        TransferItem item;
        int c = 0;
        item.id = query.value(c++).toLongLong();
        item.batchId = query.value(c++).toLongLong();
        item.direction = TransferItem::directionFromName(query.value(c++).toString())
                             .value_or(TransferItem::Direction::Upload);
        item.localPath = query.value(c++).toString();
        item.remotePath = RemotePath::parse(query.value(c++).toString()).value_or(RemotePath());
        item.sourceUrl = query.value(c++).toString();
        item.size = query.value(c++).toLongLong();
        item.localModified = timeFrom(query.value(c++));
        item.state = TransferItem::stateFromName(query.value(c++).toString())
                         .value_or(TransferItem::State::Failed);
        item.bytesDone = query.value(c++).toLongLong();
        item.error = query.value(c++).toString();
        item.errorKind = ApiError::Kind(query.value(c++).toInt());
        item.note = query.value(c++).toString();
        item.conflictPolicy = TransferItem::conflictPolicyFromName(query.value(c++).toString())
                                  .value_or(ConflictPolicy::Ask);
        item.multipart.uploadId = query.value(c++).toString();
        item.multipart.partSize = query.value(c++).toLongLong();
        item.multipart.contentMd5 = query.value(c++).toString();
        item.validator = query.value(c++).toString();
        item.expectedSha256 = query.value(c++).toString();
        item.createdAt = timeFrom(query.value(c++));
        item.finishedAt = timeFrom(query.value(c++));
        item.account = query.value(c++).toString();
        index.insert(item.id, items.size());
        items.append(item);
    }
    QSqlQuery parts(db);
    parts.setForwardOnly(true);
    parts.prepare(QStringLiteral("SELECT transfer_id, part_number, etag FROM parts"));
    if (exec(parts)) {
        while (parts.next()) {
            const auto it = index.constFind(parts.value(0).toLongLong());
            if (it != index.cend())
                items[*it].multipart.parts.insert(parts.value(1).toInt(),
                                                  parts.value(2).toString());
        }
    }
    return items;
}

bool TransferJournal::claim(qint64 id)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT owner FROM transfers WHERE id = ?"));
    query.addBindValue(id);
    if (!exec(query) || !query.next())
        return false;
    const QVariant owner = query.value(0);
    if (!owner.isNull() && m_owner->isAlive(owner.toString()))
        return owner.toString() == m_owner->token();
    QSqlQuery update(db);
    // Only if nobody else claimed it since we looked.
    update.prepare(QStringLiteral("UPDATE transfers SET owner = ? WHERE id = ? AND owner IS ?"));
    update.addBindValue(m_owner->token());
    update.addBindValue(id);
    update.addBindValue(owner);
    return exec(update) && update.numRowsAffected() == 1;
}

void TransferJournal::releaseAll()
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE transfers SET owner = NULL WHERE owner = ?"));
    query.addBindValue(m_owner->token());
    exec(query);
}
