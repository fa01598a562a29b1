#pragma once

#include <QObject>

class TransferService;

// Tells the desktop when the transfer queue empties, naming what failed: through the
// freedesktop notification service on D-Bus when there is one (KDE, GNOME, ...). notified()
// carries the same text, for tests and for a status-bar message.
class DesktopNotifier : public QObject
{
    Q_OBJECT
public:
    explicit DesktopNotifier(TransferService *transfers, QObject *parent = nullptr);

    static QString summaryFor(int succeeded, const QStringList &failed);
    static QString bodyFor(int succeeded, const QStringList &failed);

Q_SIGNALS:
    void notified(const QString &summary, const QString &body);

private:
    void onQueueIdle(int succeeded, const QStringList &failed);
};
