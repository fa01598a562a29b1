#include "app/gui/SingleInstance.h"

#include "ui/UiLog.h"

#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QEventLoop>

SingleInstance::SingleInstance(const QDBusConnection &bus, QObject *parent)
    : QObject(parent), m_bus(bus)
{
}

SingleInstance::~SingleInstance()
{
    if (m_primary) {
        m_bus.unregisterObject(QLatin1String(kPath));
        m_bus.unregisterService(QLatin1String(kService));
    }
}

SingleInstance::Claim SingleInstance::claim(const QStringList &paths)
{
    if (!m_bus.isConnected())
        return Claim::NoBus;
    const QString service = QLatin1String(kService);
    // The object first: the moment the name is ours, a later start may call it.
    if (m_bus.registerObject(QLatin1String(kPath), this, QDBusConnection::ExportScriptableSlots)
        && m_bus.registerService(service)) {
        m_primary = true;
        return Claim::Primary;
    }
    m_bus.unregisterObject(QLatin1String(kPath));
    QDBusMessage call = QDBusMessage::createMethodCall(service, QLatin1String(kPath), service,
                                                       QStringLiteral("Open"));
    call << paths;
    // Asynchronous with a loop of its own, so that the owner may even be in this process (the
    // tests) and a hung owner costs only kCallTimeoutMs.
    QDBusPendingCallWatcher watcher(m_bus.asyncCall(call, kCallTimeoutMs));
    QEventLoop loop;
    connect(&watcher, &QDBusPendingCallWatcher::finished, &loop, &QEventLoop::quit);
    if (!watcher.isFinished())
        loop.exec();
    if (watcher.isError()) {
        qCWarning(lcUi) << "the running fal Files did not answer:" << watcher.error().message()
                        << "- opening a window of our own";
        return Claim::NoBus;
    }
    return Claim::Forwarded;
}

void SingleInstance::Open(const QStringList &paths)
{
    Q_EMIT openRequested(paths);
}
