#pragma once

#include <QDateTime>
#include <QString>

#include <atomic>
#include <chrono>
#include <string>

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
    bool isFilesRoute = false;

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

    FaultInjector *faults = nullptr;
    const std::atomic<bool> *stopping = nullptr;
    int localPort = -1;
    int remotePort = -1;

    static RequestContext &current();

    // How many of `n` more body bytes may pass; sets *drop when the connection must be dropped
    // right after them (the fault's byte mark is crossed and the drop limit allows it).
    qint64 requestAllowance(qint64 n, bool *drop);
    qint64 responseAllowance(qint64 n, bool *drop);

    // Shuts down this request's socket so the client sees a dropped connection, not an answer.
    void killConnection() const;
    // Shuts down accepted sockets of a server: the one to `remotePort`, or all if -1.
    static void shutdownConnections(int localPort, int remotePort);

private:
    qint64 allowance(qint64 counted, qint64 n, bool *drop);
};

} // namespace fal::emulator
