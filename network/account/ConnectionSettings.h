#pragma once

#include "network/account/Credentials.h"

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

// Where to talk to and with which key, resolved the way fal's own tools do it.
//
// Key, first found wins:  explicit option (--key, the sign-in dialog's pick)
//                         > the key the app stored (keychain / owner-only file)
//                         > $FAL_KEY > the active profile's `key` in config.toml
//                         > $FAL_KEY_ID + $FAL_KEY_SECRET.
// Profile:                explicit option > $FAL_PROFILE > [__internal__].profile.
// Endpoint:               explicit option > $FAL_REST_HOST > ($FAL_HOST or the profile's `host`,
//                         "api." becoming "rest.", as fal's flags.py does) >
//                         https://rest.alpha.fal.ai.
//                         The first one that is set decides: when it is refused (plain http to
//                         another computer, not a URL), that is an error (endpointError), never a
//                         reason to fall back to the next one or to production with the key.
struct ConnectionSettings
{
    struct Request
    {
        QString explicitKey;
        QString explicitKeySource; // empty: "the --key option"
        QString explicitEndpoint;
        QString profile;
        QString storedKey; // what the app itself saved; empty when none
        QString storedKeySource; // e.g. "the system keychain"
        QString configPath; // empty: FalConfig::defaultPath()
    };

    Credentials credentials; // invalid when no key was found anywhere
    QUrl endpoint; // invalid when endpointError is set
    QString endpointSource;
    QString endpointError; // why the endpoint that was set is refused; nothing may be sent then
    QString profile; // the profile in effect, if any
    QStringList problems; // things found but unusable (a malformed key, a broken config file)

    static ConnectionSettings resolve(const Request &request,
                                      const QProcessEnvironment &env
                                      = QProcessEnvironment::systemEnvironment());

    // "https://host" or "http://127.0.0.1:8080" from a host name or URL. Plain http is allowed to
    // loopback only: the key must never cross a network in clear text.
    static std::optional<QUrl> endpointFromHost(const QString &hostOrUrl,
                                                QString *whyNot = nullptr);
    static bool isLoopback(const QUrl &url);
};
