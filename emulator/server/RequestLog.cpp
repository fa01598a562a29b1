#include "emulator/server/RequestLog.h"

#include "emulator/server/EmulatorLogging.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fal::emulator {

QByteArray RequestLogEntry::toJsonLine() const
{
    QJsonObject o;
    o.insert(QStringLiteral("ts"), timestamp.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("method"), method);
    o.insert(QStringLiteral("target"), target);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("request_bytes"), requestBytes);
    o.insert(QStringLiteral("response_bytes"), responseBytes);
    o.insert(QStringLiteral("range"), range);
    o.insert(QStringLiteral("fault"), fault);
    o.insert(QStringLiteral("dropped"), dropped);
    o.insert(QStringLiteral("duration_ms"), durationMs);
    if (!requestId.isEmpty()) // REST lines stay as they were
        o.insert(QStringLiteral("request_id"), requestId);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

RequestLogEntry RequestLogEntry::fromJsonLine(const QByteArray &line, bool *ok)
{
    RequestLogEntry e;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (ok)
        *ok = error.error == QJsonParseError::NoError && doc.isObject();
    const QJsonObject o = doc.object();
    e.timestamp
        = QDateTime::fromString(o.value(QStringLiteral("ts")).toString(), Qt::ISODateWithMs);
    e.method = o.value(QStringLiteral("method")).toString();
    e.target = o.value(QStringLiteral("target")).toString();
    e.status = o.value(QStringLiteral("status")).toInt();
    e.requestBytes = o.value(QStringLiteral("request_bytes")).toInteger();
    e.responseBytes = o.value(QStringLiteral("response_bytes")).toInteger();
    e.range = o.value(QStringLiteral("range")).toString();
    e.fault = o.value(QStringLiteral("fault")).toString();
    e.dropped = o.value(QStringLiteral("dropped")).toBool();
    e.durationMs = o.value(QStringLiteral("duration_ms")).toInteger();
    e.requestId = o.value(QStringLiteral("request_id")).toString();
    return e;
}

RequestLog::~RequestLog() = default;

bool RequestLog::openFile(const QString &path, QString *error)
{
    std::lock_guard lock(m_mutex);
    m_file.close();
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered)) {
        if (error)
            *error = QStringLiteral("cannot open log file %1: %2").arg(path, m_file.errorString());
        return false;
    }
    return true;
}

qint64 RequestLog::publishLocked(const RequestLogEntry &entry)
{
    if (m_entries.size() >= kMaxEntries) {
        const qsizetype drop = kMaxEntries / 10; // amortized: not one memmove per request
        m_entries.remove(0, drop);
        m_firstId += drop;
    }
    m_entries.append(entry);
    return m_firstId + m_entries.size() - 1;
}

qint64 RequestLog::publish(const RequestLogEntry &entry)
{
    std::lock_guard lock(m_mutex);
    return publishLocked(entry);
}

void RequestLog::update(qint64 id, const RequestLogEntry &entry)
{
    std::lock_guard lock(m_mutex);
    if (id >= m_firstId && id - m_firstId < m_entries.size())
        m_entries[id - m_firstId] = entry;
}

void RequestLog::finish(qint64 id, const RequestLogEntry &entry)
{
    std::lock_guard lock(m_mutex);
    if (id < 0)
        publishLocked(entry);
    else if (id >= m_firstId && id - m_firstId < m_entries.size())
        m_entries[id - m_firstId] = entry;
    if (m_file.isOpen()) {
        // Unbuffered + one write per line: a reader in another process never sees half a line
        // that is later completed out of order.
        const QByteArray line = entry.toJsonLine() + '\n';
        if (m_file.write(line) != line.size())
            qCWarning(lcEmulator) << "request log write failed:" << m_file.errorString();
    }
}

QList<RequestLogEntry> RequestLog::snapshot() const
{
    std::lock_guard lock(m_mutex);
    return m_entries;
}

void RequestLog::clear()
{
    std::lock_guard lock(m_mutex);
    m_firstId += m_entries.size();
    m_entries.clear();
}

} // namespace fal::emulator
