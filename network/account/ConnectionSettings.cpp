#include "network/account/ConnectionSettings.h"

#include "network/account/AccountLog.h"
#include "network/account/FalConfig.h"

#include <QHostAddress>

namespace {
const QString kDefaultRestHost = QStringLiteral("rest.alpha.fal.ai");
}

bool ConnectionSettings::isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<QUrl> ConnectionSettings::endpointFromHost(const QString &hostOrUrl, QString *whyNot)
{
    auto fail = [whyNot](const QString &why) -> std::optional<QUrl> {
        if (whyNot)
            *whyNot = why;
        return std::nullopt;
    };
    QString text = hostOrUrl.trimmed();
    if (text.isEmpty())
        return fail(QStringLiteral("the endpoint is empty"));
    if (!text.contains(QLatin1String("://")))
        text.prepend(QLatin1String("https://"));
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return fail(QStringLiteral("'%1' is not a valid endpoint URL").arg(hostOrUrl));
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        return fail(
            QStringLiteral("the endpoint must be an http(s) URL, not '%1'").arg(url.scheme()));
    if (url.scheme() == QLatin1String("http") && !isLoopback(url))
        return fail(
            QStringLiteral(
                "plain http:// is only allowed to this computer (127.0.0.1); use https:// for %1")
                .arg(url.host()));
    if (!url.userInfo().isEmpty())
        return fail(QStringLiteral("the endpoint URL must not carry a user name or password"));
    url.setPath(url.path().endsWith(QLatin1Char('/')) ? url.path().chopped(1) : url.path());
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

ConnectionSettings ConnectionSettings::resolve(const Request &request,
                                               const QProcessEnvironment &env)
{
    ConnectionSettings settings;
    QString configError;
    const QString configPath
        = !request.configPath.isEmpty() ? request.configPath : FalConfig::defaultPath(env);
    const FalConfig config = FalConfig::load(configPath, &configError);
    if (!configError.isEmpty())
        settings.problems << configError;

    settings.profile = !request.profile.isEmpty() ? request.profile
        : !env.value(QStringLiteral("FAL_PROFILE")).isEmpty()
        ? env.value(QStringLiteral("FAL_PROFILE"))
        : config.activeProfile();
    if (!settings.profile.isEmpty() && !config.hasProfile(settings.profile)) {
        const QString from = !request.profile.isEmpty() ? QStringLiteral("asked for")
            : !env.value(QStringLiteral("FAL_PROFILE")).isEmpty()
            ? QStringLiteral("named by FAL_PROFILE")
            : QStringLiteral("marked active");
        settings.problems << QStringLiteral("the profile '%1' (%2) is not in %3")
                                 .arg(settings.profile, from, config.path());
    }
    const FalConfig::Profile profile = config.profile(settings.profile);
    const QString profileSource
        = QStringLiteral("profile '%1' in %2").arg(settings.profile, config.path());

    // Key: the first usable source wins; an unusable one is reported, not silently skipped.
    auto tryKey = [&](const QString &key, const QString &source) {
        if (settings.credentials.isValid() || key.isEmpty())
            return;
        QString why;
        if (auto credentials = Credentials::fromKey(key, source, &why))
            settings.credentials = *credentials;
        else
            settings.problems << QStringLiteral("the key from %1 is unusable: %2").arg(source, why);
    };
    tryKey(request.explicitKey,
           request.explicitKeySource.isEmpty() ? QStringLiteral("the --key option")
                                               : request.explicitKeySource);
    tryKey(request.storedKey,
           request.storedKeySource.isEmpty() ? QStringLiteral("the app's saved key")
                                             : request.storedKeySource);
    tryKey(env.value(QStringLiteral("FAL_KEY")),
           QStringLiteral("the FAL_KEY environment variable"));
    tryKey(profile.key, profileSource);
    const QString id = env.value(QStringLiteral("FAL_KEY_ID"));
    const QString secret = env.value(QStringLiteral("FAL_KEY_SECRET"));
    if (!id.isEmpty() || !secret.isEmpty())
        tryKey(id + QLatin1Char(':') + secret, QStringLiteral("FAL_KEY_ID and FAL_KEY_SECRET"));

    // Endpoint: the first source that is set decides. A refused one is an error, not a reason
    // to try the next: someone meant another server, and production must not get the key instead.
    bool endpointDecided = false;
    auto tryEndpoint = [&](const QString &value, const QString &source) {
        if (endpointDecided || value.trimmed().isEmpty())
            return;
        endpointDecided = true;
        QString why;
        if (auto url = endpointFromHost(value, &why)) {
            settings.endpoint = *url;
            settings.endpointSource = source;
        } else {
            settings.endpointError
                = QStringLiteral("the endpoint from %1 is refused: %2").arg(source, why);
        }
    };
    auto restFromApiHost = [](QString host) {
        return host.startsWith(QLatin1String("api")) ? host.replace(0, 3, QStringLiteral("rest"))
                                                     : host;
    };
    tryEndpoint(request.explicitEndpoint, QStringLiteral("the --endpoint option"));
    tryEndpoint(env.value(QStringLiteral("FAL_REST_HOST")), QStringLiteral("FAL_REST_HOST"));
    tryEndpoint(restFromApiHost(env.value(QStringLiteral("FAL_HOST"))), QStringLiteral("FAL_HOST"));
    tryEndpoint(restFromApiHost(profile.host), profileSource);
    tryEndpoint(kDefaultRestHost, QStringLiteral("the default"));

    qCDebug(lcCredentials) << "key" << settings.credentials.redacted() << "from"
                           << settings.credentials.source() << "endpoint" << settings.endpoint
                           << "from" << settings.endpointSource << settings.endpointError;
    return settings;
}
