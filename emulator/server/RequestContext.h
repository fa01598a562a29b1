#pragma once

#include "emulator/server/ApiSurface.h"
#include "emulator/server/RequestLog.h"

#include <QDateTime>
#include <QString>

#include <atomic>
#include <chrono>
#include <string>

namespace httplib {
class DataSink;
}

namespace fal::emulator {

class FaultInjector;

// What the server knows about the request being handled on this thread. httplib handles one
// request per thread from the pre-routing handler through the content provider to the logger,
// so a thread_local carries the byte counts and drop decisions across those callbacks without
// a side channel on the wire.
struct RequestContext
{
    bool active = false;
    std::chrono::steady_clock::time_point started;
    QDateTime timestamp;
    QString method;
    QString target;
    QString range;
    std::string contentType; // as sent; multipart requests are hidden from httplib's own parser
    bool isFilesRoute = false; // /files/... or /v1/serverless/files/...: key and faults apply
    ApiSurface surface; // the dialect of every answer to this request
    QString requestId; // v1 only: in its error bodies and its log entry

    qint64 requestBytes = 0;
    qint64 responseBytes = 0;
    qint64 dropAfterBytes = -1; // armed for this request
    bool dropped = false;
    bool droppedBeforeResponse = false; // no status line went out
    bool closeAfterResponse = false; // an unread body is left: do not reuse the connection
    QString fault;
    // An answer decided before routing (fault or auth) for a request whose body must be read
    // first; the router drains the body and sends it.
    int pendingStatus = 0;
    QString pendingDetail;
    int retryAfterSeconds = -1;

    RequestLog *log = nullptr;
    qint64 logId = -1; // published entry, see RequestLog::publish
    RequestLogEntry entry;
    bool killPending = false; // dropped while reading the body: cut once the handler cleaned up

    FaultInjector *faults = nullptr;
    const std::atomic<bool> *stopping = nullptr;
    int localPort = -1;
    int remotePort = -1;

    static RequestContext &current();

    // How many of `n` more body bytes may pass; sets *drop when the connection must be dropped
    // right after them (the fault's byte mark is crossed and the drop limit allows it).
    qint64 requestAllowance(qint64 n, bool *drop);
    qint64 responseAllowance(qint64 n, bool *drop);

    // The log entry is published before the answer is written (`expectedResponseBytes`: what
    // the answer carries if nothing cuts it short) and finished, file line included, before the
    // client can tell the answer is complete or cut: whoever saw the answer finds the entry.
    void publishLog(int status, qint64 expectedResponseBytes);
    void finishLog();
    bool logFinished = false;
    void fillEntry(); // counters and duration into `entry`

    // Writes up to `length` bytes of the answer body, honouring the drop fault and counting
    // them; `last`: the answer's final bytes. False: stop the answer (dropped or write failed).
    bool writeBody(httplib::DataSink &sink, const char *data, size_t length, bool last);

    // Shuts down this request's socket so the client sees a dropped connection, not an answer.
    void killConnection() const;
    // Shuts down accepted sockets of a server: the one to `remotePort`, or all if -1.
    static void shutdownConnections(int localPort, int remotePort);

private:
    qint64 allowance(qint64 counted, qint64 n, bool *drop);
};

} // namespace fal::emulator
