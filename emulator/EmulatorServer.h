#pragma once

#include "emulator/server/EmulatorOptions.h"
#include "emulator/server/FaultOptions.h"
#include "emulator/server/RequestLog.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <memory>

namespace fal::emulator {

// A local server speaking fal's /files REST API, and the files routes of its Platform API v1,
// over a directory (see network/api/PROTOCOL.md).
// start() binds and serves on background threads; the destructor stops it. Many servers may
// live in one process (tests create and destroy them freely). All methods are thread-safe.
//
//     EmulatorOptions o;
//     o.rootDir = dir.path();
//     EmulatorServer server(o);
//     if (!server.start(&error)) ...
//     client talks to server.baseUrl() with "Authorization: Key " + server.key()
class EmulatorServer
{
public:
    explicit EmulatorServer(EmulatorOptions options);
    ~EmulatorServer();
    EmulatorServer(const EmulatorServer &) = delete;
    EmulatorServer &operator=(const EmulatorServer &) = delete;

    bool start(QString *error = nullptr); // once per object
    void stop(); // closes every connection; idempotent
    bool isRunning() const;

    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT
    QString key() const; // the "id:secret" clients must send (generated if none was given)
    QString rootDir() const; // canonical

    void setFaults(const FaultOptions &faults); // takes effect for the next request
    FaultOptions faults() const;

    QList<RequestLogEntry> requestLog() const;
    void clearRequestLog();

    static QString generateKey(); // random "id:secret"

private:
    class Private;
    std::unique_ptr<Private> d;
};

} // namespace fal::emulator
