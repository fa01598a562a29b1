#pragma once

#include <QDateTime>
#include <QFile>
#include <QList>
#include <QString>

#include <mutex>

namespace fal::emulator {

// One answered (or dropped) request. Tests use these to prove that a client never sent a part or
// fetched a byte range twice, so the byte counts are what really crossed the wire.
struct RequestLogEntry
{
    QDateTime timestamp; // when the request arrived (UTC)
    QString method;
    QString target; // raw request target as sent, percent-encoding and query included
    int status = 0; // 0: the connection was dropped before any status line was sent
    qint64 requestBytes = 0; // request body bytes received
    qint64 responseBytes = 0; // response body bytes actually sent
    QString range; // the Range header, if any
    QString requestId; // the request_id of a v1 request's error bodies; empty on REST
    QString fault; // "", "error" (503), "rate_limit" (429), "drop"
    bool dropped = false;
    qint64 durationMs = 0;

    QByteArray toJsonLine() const; // one line, no trailing newline
    static RequestLogEntry fromJsonLine(const QByteArray &line, bool *ok = nullptr);
};

// Thread-safe: handler threads append, tests read snapshots. Memory keeps the newest
// kMaxEntries (an emulator left running under the GUI must not grow without end); the file, if
// any, keeps everything.
class RequestLog
{
public:
    static constexpr qsizetype kMaxEntries = 200000;

    RequestLog() = default;
    ~RequestLog();

    bool openFile(const QString &path, QString *error); // appends JSON lines from now on

    // An entry is published (in memory) before its answer goes out, so whoever got the answer
    // finds it in snapshot(); it is refreshed when a drop cuts the answer short, and finished
    // (final counts, written to the file) after the answer was written. Returns its id.
    qint64 publish(const RequestLogEntry &entry);
    void update(qint64 id, const RequestLogEntry &entry);
    void finish(qint64 id, const RequestLogEntry &entry); // id < 0: append now
    void append(const RequestLogEntry &entry) { finish(-1, entry); }

    QList<RequestLogEntry> snapshot() const;
    void clear(); // in-memory entries only; the file keeps its history

private:
    qint64 publishLocked(const RequestLogEntry &entry);

    mutable std::mutex m_mutex;
    QList<RequestLogEntry> m_entries;
    qint64 m_firstId = 0; // id of m_entries.first()
    QFile m_file;
};

} // namespace fal::emulator
