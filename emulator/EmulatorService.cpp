#include "emulator/EmulatorService.h"

#include "emulator/routes/Exchange.h"
#include "emulator/routes/RequestRouter.h"
#include "emulator/server/EmulatorLogging.h"
#include "emulator/server/RequestContext.h"
#include "emulator/server/RequestGate.h"
#include "emulator/store/MultipartStore.h"
#include "emulator/store/SafePathResolver.h"
#include "emulator/store/StagingArea.h"

#include <QFileInfo>

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>

namespace fal::emulator {

namespace {

constexpr int kWorkerThreads = 48; // one per open connection; clients run 10+ in parallel

// httplib sets SO_REUSEPORT, which lets a second server bind a port already in use; a busy port
// must be an error here, so only SO_REUSEADDR (quick restarts) is set.
void socketOptions(int sock)
{
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

// httplib cannot say why a bind failed; a plain bind() with the same options can.
QString bindProblem(const QString &host, quint16 port)
{
    in_addr v4 {};
    in6_addr v6addr {};
    const QByteArray text = host.toLatin1();
    const bool v6 = ::inet_pton(AF_INET6, text.constData(), &v6addr) == 1;
    if (!v6 && ::inet_pton(AF_INET, text.constData(), &v4) != 1)
        return QStringLiteral("not a numeric IP address");
    const int sock = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (sock < 0)
        return QString::fromLocal8Bit(std::strerror(errno));
    socketOptions(sock);
    int rc;
    if (v6) {
        sockaddr_in6 sa {};
        sa.sin6_family = AF_INET6;
        sa.sin6_port = htons(port);
        sa.sin6_addr = v6addr;
        rc = ::bind(sock, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    } else {
        sockaddr_in sa {};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        sa.sin_addr = v4;
        rc = ::bind(sock, reinterpret_cast<sockaddr *>(&sa), sizeof sa);
    }
    const QString reason = rc == 0 ? QString() : QString::fromLocal8Bit(std::strerror(errno));
    ::close(sock);
    return reason;
}

// What the answer's body will carry if nothing cuts it short (HEAD answers have none).
qint64 expectedBodyBytes(const httplib::Request &req, const httplib::Response &res)
{
    if (req.method == "HEAD")
        return 0;
    return res.content_provider_ ? qint64(res.content_length_) : qint64(res.body.size());
}

} // namespace

EmulatorService::EmulatorService(const EmulatorOptions &options)
    : m_options(options), m_faults(options.faults)
{
}

EmulatorService::~EmulatorService()
{
    stop();
}

QString EmulatorService::generateKey()
{
    return StagingArea::randomHex(8) + QLatin1Char(':') + StagingArea::randomHex(16);
}

QString EmulatorService::rootDir() const
{
    return m_resolver ? m_resolver->rootDir() : QString();
}

bool EmulatorService::prepare(QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QFileInfo root(m_options.rootDir);
    if (m_options.rootDir.isEmpty())
        return fail(QStringLiteral("no root directory given"));
    if (!root.exists())
        return fail(QStringLiteral("root directory %1 does not exist").arg(m_options.rootDir));
    if (!root.isDir())
        return fail(QStringLiteral("root %1 is not a directory").arg(m_options.rootDir));
    if (!root.isWritable())
        return fail(QStringLiteral("root directory %1 is not writable").arg(m_options.rootDir));
    m_key = m_options.key.isEmpty() ? generateKey() : m_options.key;
    if (!m_key.contains(QLatin1Char(':')) || m_key.startsWith(QLatin1Char(':'))
        || m_key.endsWith(QLatin1Char(':')))
        return fail(QStringLiteral("the key must look like KEY_ID:KEY_SECRET"));
    QString why;
    if (!m_options.faults.isValid(&why))
        return fail(why);

    m_resolver = std::make_unique<SafePathResolver>(m_options.rootDir);
    m_staging = std::make_unique<StagingArea>(m_resolver->reservedDir());
    if (!m_staging->prepare(error))
        return false;
    m_multipart = std::make_unique<MultipartStore>(*m_staging, m_options.uploadExpiryDays);
    m_multipart->load();
    if (!m_options.logFile.isEmpty() && !m_log.openFile(m_options.logFile, error))
        return false;
    m_context.reset(
        new ServerContext {m_options, *m_resolver, *m_staging, *m_multipart, m_stopping});
    m_gate = std::make_unique<RequestGate>(m_faults, m_key, m_stopping);
    return true;
}

bool EmulatorService::bind(QString *error)
{
    const std::string host = m_options.host.toStdString();
    if (m_options.port == 0) {
        const int port = m_http->bind_to_any_port(host);
        if (port > 0) {
            m_port = quint16(port);
            return true;
        }
    } else if (m_http->bind_to_port(host, m_options.port)) {
        m_port = m_options.port;
        return true;
    }
    if (error) {
        const QString reason = bindProblem(m_options.host, m_options.port);
        *error = QStringLiteral("cannot listen on %1:%2%3")
                     .arg(m_options.host, QString::number(m_options.port),
                          reason.isEmpty() ? QString() : QStringLiteral(": ") + reason);
    }
    return false;
}

bool EmulatorService::start(QString *error)
{
    if (!prepare(error))
        return false;

    // httplib writes with send() without MSG_NOSIGNAL: a client that hangs up mid-answer would
    // kill the whole process (the GUI, when it hosts the emulator). httplib's Server constructor
    // ignores SIGPIPE process-wide too; this line makes the dependency explicit.
    std::signal(SIGPIPE, SIG_IGN);
    m_http = std::make_unique<httplib::Server>();
    m_http->new_task_queue = [] { return new httplib::ThreadPool(kWorkerThreads); };
    m_http->set_socket_options(socketOptions);
    m_http->set_keep_alive_max_count(100000);
    m_http->set_read_timeout(60);
    m_http->set_write_timeout(60);
    m_http->set_tcp_nodelay(true);

    m_http->set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        const bool answered = m_gate->admit(req, res);
        RequestContext &rc = RequestContext::current();
        rc.log = &m_log;
        if (answered)
            rc.publishLog(res.status, expectedBodyBytes(req, res));
        return answered ? httplib::Server::HandlerResponse::Handled
                        : httplib::Server::HandlerResponse::Unhandled;
    });
    m_http->Get(".*", [this](const httplib::Request &req, httplib::Response &res) {
        handle(req, res, nullptr);
    });
    m_http->Delete(".*", [this](const httplib::Request &req, httplib::Response &res) {
        handle(req, res, nullptr);
    });
    const auto withBody
        = [this](const httplib::Request &req, httplib::Response &res,
                 const httplib::ContentReader &reader) { handle(req, res, &reader); };
    m_http->Post(".*", withBody);
    m_http->Put(".*", withBody);
    m_http->Delete(".*", withBody);
    m_http->set_error_handler([](const httplib::Request &req, httplib::Response &res) {
        // httplib calls this for every status >= 400; only fill in answers that have no body
        // (its own 404s, 416s for unparsable Range headers, 400s for broken requests).
        if (res.body.empty() && !res.content_provider_) {
            RequestContext &rc = RequestContext::current();
            if (!rc.active) { // answered before the gate ran: still in the path's dialect
                rc.surface = ApiSurface::forPath(req.path);
                rc.requestId = rc.surface.newRequestId();
            }
            HttpResponder::detail(res, res.status, RequestGate::statusText(res.status));
        }
    });
    m_http->set_exception_handler(
        [](const httplib::Request &, httplib::Response &res, std::exception_ptr ep) {
            QString what = QStringLiteral("unknown error");
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception &e) {
                what = QString::fromLocal8Bit(e.what());
            } catch (...) {
            }
            qCWarning(lcEmulator) << "handler failed:" << what;
            HttpResponder::detail(res, 500, QStringLiteral("Internal error: %1").arg(what));
        });
    m_http->set_logger(
        [this](const httplib::Request &req, const httplib::Response &res) { finishLog(req, res); });

    if (!bind(error))
        return false;
    m_thread = std::thread([this] { m_http->listen_after_bind(); });
    for (int i = 0; i < 200 && !m_http->is_running(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    qCInfo(lcEmulator) << "serving" << m_resolver->rootDir() << "on port" << m_port;
    return true;
}

void EmulatorService::stop()
{
    if (!m_http)
        return;
    m_stopping = true;
    if (m_gate)
        m_gate->wake();
    m_http->stop();
    // Idle kept-alive connections would hold their worker for the keep-alive timeout.
    RequestContext::shutdownConnections(m_port, -1);
    if (m_thread.joinable())
        m_thread.join();
    m_http.reset();
}

bool EmulatorService::isRunning() const
{
    return m_http && m_http->is_running() && !m_stopping;
}

void EmulatorService::handle(const httplib::Request &req, httplib::Response &res,
                             const httplib::ContentReader *reader)
{
    BodyReader body(reader);
    RequestContext &rc = RequestContext::current();
    if (rc.pendingStatus != 0) {
        if (body.drain() == BodyReader::Status::Dropped) {
            rc.publishLog(0, 0);
            rc.killConnection();
            return;
        }
        RequestGate::sendPending(res);
        rc.publishLog(res.status, expectedBodyBytes(req, res));
        return;
    }
    const bool isForm = rc.contentType.rfind("multipart/form-data", 0) == 0;
    const RequestRouter::Match match
        = RequestRouter::match(rc.surface, req.method, req.path, isForm);
    Exchange ex {req, res, body, match.path, match.uploadId, match.partNumber};
    RequestRouter::dispatch(*m_context, ex, match.route);
    // Whatever the handler did not read is read now: unread body bytes on a kept-alive
    // connection would be parsed as the next request.
    if (!body.consumed())
        body.drain();
    if (rc.killPending) { // the drop fault cut the request body; the handler has cleaned up
        rc.publishLog(0, 0);
        rc.killConnection();
        return;
    }
    if (rc.closeAfterResponse)
        res.set_header("Connection", "close");
    rc.publishLog(res.status, expectedBodyBytes(req, res));
}

void EmulatorService::finishLog(const httplib::Request &req, const httplib::Response &res)
{
    RequestContext &rc = RequestContext::current();
    const QString target = QString::fromStdString(req.target);
    if (rc.active && rc.target == target) {
        if (!rc.logFinished) { // e.g. the client went away mid-answer
            rc.entry.status = res.status;
            rc.finishLog(); // status 0 if the body was cut before any answer
        }
        qCDebug(lcEmulator).noquote()
            << rc.entry.method << target << rc.entry.status << rc.entry.fault;
        if (rc.closeAfterResponse && !rc.droppedBeforeResponse)
            rc.killConnection();
    } else { // answered by httplib before our pre-routing handler ran (e.g. 400, 414, 416)
        RequestLogEntry entry;
        entry.timestamp = QDateTime::currentDateTimeUtc();
        entry.method = QString::fromStdString(req.method);
        entry.target = target;
        entry.range = QString::fromStdString(req.get_header_value("Range"));
        entry.status = res.status;
        entry.requestId = rc.requestId; // from the error handler, on v1
        m_log.append(entry);
    }
    rc = RequestContext(); // nothing of this request may leak into httplib's own answers
}

} // namespace fal::emulator
