#include "emulator/server/RequestContext.h"

#include "emulator/server/EmulatorLogging.h"
#include "emulator/server/FaultInjector.h"

#include <httplib.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cstdlib>

namespace fal::emulator {

namespace {

int portOf(const sockaddr_storage &addr)
{
    if (addr.ss_family == AF_INET)
        return ntohs(reinterpret_cast<const sockaddr_in &>(addr).sin_port);
    if (addr.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6 &>(addr).sin6_port);
    return -1;
}

} // namespace

RequestContext &RequestContext::current()
{
    thread_local RequestContext context;
    return context;
}

qint64 RequestContext::allowance(qint64 counted, qint64 n, bool *drop)
{
    *drop = false;
    if (dropAfterBytes < 0 || counted + n <= dropAfterBytes || !faults)
        return n;
    if (!faults->consumeDrop()) {
        dropAfterBytes = -1; // the drop limit is used up: let this request through
        return n;
    }
    *drop = true;
    dropped = true;
    fault = QStringLiteral("drop");
    const qint64 allowed = qMax<qint64>(0, dropAfterBytes - counted);
    dropAfterBytes = -1;
    return allowed;
}

qint64 RequestContext::requestAllowance(qint64 n, bool *drop)
{
    const qint64 allowed = allowance(requestBytes, n, drop);
    if (*drop)
        droppedBeforeResponse = true;
    return allowed;
}

qint64 RequestContext::responseAllowance(qint64 n, bool *drop)
{
    return allowance(responseBytes, n, drop);
}

void RequestContext::fillEntry()
{
    entry.timestamp = timestamp;
    entry.method = method;
    entry.target = target;
    entry.range = range;
    entry.requestId = requestId;
    entry.requestBytes = requestBytes;
    entry.fault = fault;
    entry.dropped = dropped;
    entry.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - started)
                           .count();
    if (droppedBeforeResponse)
        entry.status = 0;
}

void RequestContext::publishLog(int status, qint64 expectedResponseBytes)
{
    entry.status = status;
    fillEntry();
    entry.responseBytes = expectedResponseBytes;
    if (log)
        logId = log->publish(entry);
    if (expectedResponseBytes == 0)
        finishLog(); // nothing more will be written
}

void RequestContext::finishLog()
{
    if (logFinished)
        return;
    logFinished = true;
    fillEntry();
    entry.responseBytes = responseBytes;
    if (log)
        log->finish(logId, entry);
}

bool RequestContext::writeBody(httplib::DataSink &sink, const char *data, size_t length, bool last)
{
    bool drop = false;
    const qint64 allowed = responseAllowance(qint64(length), &drop);
    if (drop) {
        const bool written = allowed == 0 || sink.write(data, size_t(allowed));
        if (written)
            responseBytes += allowed;
        finishLog(); // the client sees the cut only once we return false
        return false;
    }
    if (last) {
        responseBytes += allowed; // logged before the client holds the whole answer
        finishLog();
        return sink.write(data, size_t(allowed));
    }
    if (!sink.write(data, size_t(allowed)))
        return false;
    responseBytes += allowed;
    return true;
}

void RequestContext::killConnection() const
{
    shutdownConnections(localPort, remotePort);
}

void RequestContext::shutdownConnections(int localPort, int remotePort)
{
    // httplib does not hand the socket to handlers. The accepted socket is the one whose local
    // port is the server's and whose peer port is this client's; a client socket of the same
    // process has the two ports the other way round, so the pair is unambiguous.
    DIR *dir = ::opendir("/proc/self/fd");
    if (!dir) {
        qCWarning(lcEmulator) << "cannot drop connection: /proc/self/fd unreadable";
        return;
    }
    const int dirFd = ::dirfd(dir);
    while (dirent *entry = ::readdir(dir)) {
        char *end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == dirFd)
            continue;
        struct stat st
        {
        };
        if (::fstat(int(fd), &st) != 0 || !S_ISSOCK(st.st_mode))
            continue;
        sockaddr_storage local {}, peer {};
        socklen_t localLen = sizeof local, peerLen = sizeof peer;
        if (::getsockname(int(fd), reinterpret_cast<sockaddr *>(&local), &localLen) != 0
            || ::getpeername(int(fd), reinterpret_cast<sockaddr *>(&peer), &peerLen) != 0)
            continue;
        if (portOf(local) == localPort && (remotePort < 0 || portOf(peer) == remotePort)) {
            ::shutdown(int(fd), SHUT_RDWR);
            if (remotePort >= 0)
                break;
        }
    }
    ::closedir(dir);
}

} // namespace fal::emulator
