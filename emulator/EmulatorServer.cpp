#include "emulator/EmulatorServer.h"

#include "emulator/EmulatorService.h"
#include "emulator/server/EmulatorLogging.h"

#include <QFileInfo>

namespace fal::emulator {

class EmulatorServer::Private
{
public:
    explicit Private(EmulatorOptions o) : options(std::move(o)) { }
    EmulatorOptions options;
    std::unique_ptr<EmulatorService> service;
    bool started = false;
};

EmulatorServer::EmulatorServer(EmulatorOptions options)
    : d(std::make_unique<Private>(std::move(options)))
{
}

EmulatorServer::~EmulatorServer()
{
    stop();
}

QString EmulatorServer::generateKey()
{
    return EmulatorService::generateKey();
}

bool EmulatorServer::start(QString *error)
{
    if (d->started) {
        if (error)
            *error = QStringLiteral("the emulator was already started");
        return false;
    }
    d->started = true;
    auto service = std::make_unique<EmulatorService>(d->options);
    if (!service->start(error))
        return false;
    d->service = std::move(service);
    return true;
}

void EmulatorServer::stop()
{
    if (d->service)
        d->service->stop();
}

bool EmulatorServer::isRunning() const
{
    return d->service && d->service->isRunning();
}

quint16 EmulatorServer::port() const
{
    return d->service ? d->service->port() : 0;
}

QUrl EmulatorServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    QString host = d->options.host;
    if (host.isEmpty() || host == QLatin1String("0.0.0.0"))
        host = QStringLiteral("127.0.0.1");
    else if (host == QLatin1String("::"))
        host = QStringLiteral("::1");
    url.setHost(host);
    url.setPort(port());
    return url;
}

QString EmulatorServer::key() const
{
    return d->service ? d->service->key() : d->options.key;
}

QString EmulatorServer::rootDir() const
{
    return d->service ? d->service->rootDir() : QFileInfo(d->options.rootDir).canonicalFilePath();
}

void EmulatorServer::setFaults(const FaultOptions &faults)
{
    if (d->service)
        d->service->faults().setOptions(faults);
    else
        d->options.faults = faults;
}

FaultOptions EmulatorServer::faults() const
{
    return d->service ? d->service->faults().options() : d->options.faults;
}

QList<RequestLogEntry> EmulatorServer::requestLog() const
{
    return d->service ? d->service->log().snapshot() : QList<RequestLogEntry>();
}

void EmulatorServer::clearRequestLog()
{
    if (d->service)
        d->service->log().clear();
}

} // namespace fal::emulator
