#include "emulator/server/RequestGate.h"

#include "emulator/server/EmulatorLogging.h"
#include "emulator/server/FaultInjector.h"
#include "emulator/server/HttpResponder.h"
#include "emulator/server/RequestContext.h"

#include <httplib.h>

namespace fal::emulator {

namespace {

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

bool hasBody(const httplib::Request &req)
{
    if (req.method == "POST" || req.method == "PUT" || req.method == "PATCH")
        return true;
    return req.method == "DELETE"
        && (req.has_header("Content-Length") || req.has_header("Transfer-Encoding"));
}

} // namespace

RequestGate::RequestGate(FaultInjector &faults, QString key, const std::atomic<bool> &stopping)
    : m_faults(faults), m_key(key.toUtf8()), m_stopping(stopping)
{
}

QString RequestGate::statusText(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad Request");
    case 401:
        return QStringLiteral("Not authenticated");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not Found");
    case 405:
        return QStringLiteral("Method Not Allowed");
    case 413:
        return QStringLiteral("Payload Too Large");
    case 414:
        return QStringLiteral("URI Too Long");
    case 416:
        return QStringLiteral("Range Not Satisfiable");
    case 500:
        return QStringLiteral("Internal Server Error");
    default:
        return QStringLiteral("HTTP %1").arg(status);
    }
}

void RequestGate::wake()
{
    m_sleepWake.notify_all();
}

bool RequestGate::checkKey(const std::string &authorization, int *status, QString *detail) const
{
    const QByteArray header = QByteArray::fromStdString(authorization).trimmed();
    if (header.isEmpty()) {
        *status = 401;
        *detail
            = QStringLiteral("Not authenticated: send 'Authorization: Key <key_id>:<key_secret>'");
        return false;
    }
    const qsizetype space = header.indexOf(' ');
    const QByteArray scheme = space < 0 ? header : header.left(space);
    const QByteArray credential = space < 0 ? QByteArray() : header.mid(space + 1).trimmed();
    if (scheme.toLower() != "key" || !constantTimeEquals(credential, m_key)) {
        *status = 403;
        *detail = QStringLiteral("Invalid key");
        return false;
    }
    return true;
}

bool RequestGate::admit(const httplib::Request &req, httplib::Response &res)
{
    RequestContext &ctx = RequestContext::current();
    ctx = RequestContext();
    ctx.active = true;
    ctx.started = std::chrono::steady_clock::now();
    ctx.timestamp = QDateTime::currentDateTimeUtc();
    ctx.method = QString::fromStdString(req.method);
    ctx.target = QString::fromStdString(req.target);
    ctx.range = QString::fromStdString(req.get_header_value("Range"));
    ctx.contentType = req.get_header_value("Content-Type");
    ctx.faults = &m_faults;
    ctx.stopping = &m_stopping;
    ctx.localPort = req.local_port;
    ctx.remotePort = req.remote_port;

    // The request object is httplib's own non-const local; its handlers only get const views.
    auto &mutableReq = const_cast<httplib::Request &>(req);
    // Range is applied by DownloadHandler; httplib would also slice error bodies (see there).
    mutableReq.ranges.clear();
    // httplib would run its own multipart parser on form bodies; MultipartFormParser reads the
    // raw bytes instead (exact byte counts and drops).
    if (req.is_multipart_form_data()) {
        mutableReq.headers.erase("Content-Type");
        mutableReq.headers.emplace("Content-Type", "application/octet-stream");
    }
    // A POST without any length reads until the client closes; fal's clients never mean that.
    if ((req.method == "POST" || req.method == "PUT") && !req.has_header("Content-Length")
        && !req.has_header("Transfer-Encoding"))
        mutableReq.headers.emplace("Content-Length", "0");

    ctx.surface = ApiSurface::forPath(req.path);
    ctx.requestId = ctx.surface.newRequestId();
    ctx.isFilesRoute = ApiSurface::isFilesRoute(req.path);
    if (!ctx.isFilesRoute)
        return false;

    const FaultInjector::Decision decision = m_faults.decide();
    if (decision.latencyMs > 0) {
        std::unique_lock lock(m_sleepMutex);
        m_sleepWake.wait_for(lock, std::chrono::milliseconds(decision.latencyMs),
                             [this] { return m_stopping.load(); });
    }
    ctx.dropAfterBytes = decision.dropAfterBytes;
    if (decision.kind == FaultInjector::Kind::ServerError) {
        ctx.fault = QStringLiteral("error");
        ctx.pendingStatus = decision.errorStatus;
        ctx.pendingDetail = decision.errorDetail;
    } else if (decision.kind == FaultInjector::Kind::RateLimited) {
        ctx.fault = QStringLiteral("rate_limit");
        ctx.pendingStatus = 429;
        ctx.pendingDetail = QStringLiteral("Too many requests (injected by the emulator)");
        ctx.retryAfterSeconds = decision.retryAfterSeconds;
    } else {
        int status = 0;
        QString detail;
        if (!checkKey(req.get_header_value("Authorization"), &status, &detail)) {
            ctx.pendingStatus = status;
            ctx.pendingDetail = detail;
        }
    }
    if (ctx.pendingStatus == 0 || hasBody(req))
        return false;
    sendPending(res);
    return true;
}

void RequestGate::sendPending(httplib::Response &res)
{
    const RequestContext &ctx = RequestContext::current();
    if (ctx.retryAfterSeconds >= 0)
        res.set_header("Retry-After", std::to_string(ctx.retryAfterSeconds));
    HttpResponder::detail(res, ctx.pendingStatus, ctx.pendingDetail);
}

} // namespace fal::emulator
