#include "ui/transfers/DesktopNotifier.h"

#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferService.h"
#include "ui/UiLog.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QVariantMap>

namespace {
constexpr int kMaxNamedFailures = 5;
}

DesktopNotifier::DesktopNotifier(TransferService *transfers, QObject *parent) : QObject(parent)
{
    connect(transfers, &TransferService::queueIdle, this, &DesktopNotifier::onQueueIdle);
}

QString DesktopNotifier::summaryFor(int succeeded, const QStringList &failed)
{
    if (failed.isEmpty())
        return tr("Transfers finished");
    return succeeded > 0 ? tr("Transfers finished, %n failed", nullptr, int(failed.size()))
                         : tr("Transfers failed");
}

QString DesktopNotifier::bodyFor(int succeeded, const QStringList &failed)
{
    QStringList lines;
    if (succeeded > 0)
        lines << tr("%1 done.").arg(TextFormat::transfers(succeeded));
    for (qsizetype i = 0; i < failed.size() && i < kMaxNamedFailures; ++i)
        lines << VisibleText::escaped(failed.at(i)); // names: local or the server's
    if (failed.size() > kMaxNamedFailures)
        lines << tr("…and %n more; see the transfer queue.", nullptr,
                    int(failed.size() - kMaxNamedFailures));
    return lines.join(QLatin1Char('\n'));
}

void DesktopNotifier::onQueueIdle(int succeeded, const QStringList &failed)
{
    if (succeeded == 0 && failed.isEmpty())
        return;
    const QString summary = summaryFor(succeeded, failed);
    const QString body = bodyFor(succeeded, failed);
    Q_EMIT notified(summary, body);
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface()
        || !bus.interface()->isServiceRegistered(QStringLiteral("org.freedesktop.Notifications"))) {
        qCDebug(lcUi) << "no notification service; not notifying the desktop";
        return;
    }
    QDBusMessage message = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    const QVariantMap hints {
        {QStringLiteral("desktop-entry"), QStringLiteral("ai.fal.Files")},
        {QStringLiteral("urgency"), QVariant::fromValue<uchar>(failed.isEmpty() ? 1 : 2)}};
    message << QStringLiteral("fal Files") << uint(0) << QStringLiteral("ai.fal.Files") << summary
            << body << QStringList() << hints << int(-1);
    bus.asyncCall(message);
}
