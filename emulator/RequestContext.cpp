#include "RequestContext.h"

#include "EmulatorLogging.h"
#include "FaultInjector.h"

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
