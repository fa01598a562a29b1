#pragma once

#include "emulator/server/EmulatorOptions.h"
#include "emulator/server/FaultInjector.h"
#include "emulator/server/RequestLog.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class ContentReader;
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace fal::emulator {

class MultipartStore;
class RequestGate;
class SafePathResolver;
class StagingArea;
struct ServerContext;

// The running server behind EmulatorServer: httplib setup, the per-request gate (latency,
// injected 5xx/429, Key auth), routing and the request log. Kept out of EmulatorServer.h so
// users of the library do not pull in httplib (and OpenSSL) headers.
class EmulatorService
{
public:
    explicit EmulatorService(const EmulatorOptions &options);
    ~EmulatorService();

    bool start(QString *error);
    void stop();
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString key() const { return m_key; }
    QString rootDir() const;
    FaultInjector &faults() { return m_faults; }
    RequestLog &log() { return m_log; }

    static QString generateKey();

private:
    bool prepare(QString *error);
    bool bind(QString *error);
    void handle(const httplib::Request &req, httplib::Response &res,
                const httplib::ContentReader *reader);
    void finishLog(const httplib::Request &req, const httplib::Response &res);

    EmulatorOptions m_options;
    QString m_key;
    FaultInjector m_faults;
    RequestLog m_log;
    std::unique_ptr<SafePathResolver> m_resolver;
    std::unique_ptr<StagingArea> m_staging;
    std::unique_ptr<MultipartStore> m_multipart;
    std::unique_ptr<ServerContext> m_context;
    std::unique_ptr<RequestGate> m_gate;
    std::unique_ptr<httplib::Server> m_http;
    std::thread m_thread;
    std::atomic<bool> m_stopping {false};
    quint16 m_port = 0;
};

} // namespace fal::emulator
