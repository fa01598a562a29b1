#pragma once

#include <QDBusConnection>
#include <QObject>
#include <QStringList>

// One fal Files window per session, as Dolphin does: the first start owns the name ai.fal.Files
// on the session bus; a later start hands its paths to that one (which shows them and comes to
// the front) and exits. Without a session bus (a headless run, CI) every start opens its own
// window; --new-window asks for that on purpose.
class SingleInstance : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "ai.fal.Files")
public:
    static constexpr const char *kService = "ai.fal.Files";
    static constexpr const char *kPath = "/ai/fal/Files";
    // How long a later start waits for the first one to answer before it opens its own window.
    static constexpr int kCallTimeoutMs = 5000;

    enum class Claim {
        Primary, // this process owns the name: open the window, answer Open()
        Forwarded, // another process took the paths: exit
        NoBus, // no session bus, or the owner did not answer: open a window anyway
    };

    explicit SingleInstance(const QDBusConnection &bus, QObject *parent = nullptr);
    ~SingleInstance() override;

    Claim claim(const QStringList &paths);

public Q_SLOTS:
    // Called over D-Bus by a later start (its remote paths, possibly none).
    Q_SCRIPTABLE void Open(const QStringList &paths);

Q_SIGNALS:
    void openRequested(const QStringList &paths);

private:
    QDBusConnection m_bus;
    bool m_primary = false;
};
