#include "network/account/FalConfig.h"

#include "network/account/AccountLog.h"

#include <QDir>
#include <QFile>
#include <QProcessEnvironment>

#include <toml++/toml.h>

QString FalConfig::defaultPath()
{
    return defaultPath(QProcessEnvironment::systemEnvironment());
}

QString FalConfig::defaultPath(const QProcessEnvironment &env)
{
    const QString home = env.value(QStringLiteral("HOME"), QDir::homePath());
    const QString overridden = env.value(QStringLiteral("FAL_CONFIG_PATH"));
    if (!overridden.isEmpty())
        return overridden.startsWith(QLatin1String("~/")) ? home + overridden.mid(1) : overridden;
    return home + QStringLiteral("/.fal/config.toml");
}

FalConfig FalConfig::load(const QString &path, QString *error)
{
    FalConfig config;
    config.m_path = path;
    QFile file(path);
    if (!file.exists())
        return config;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return config;
    }
    const QByteArray bytes = file.readAll();
    toml::table table;
    try {
        table = toml::parse(std::string_view(bytes.constData(), size_t(bytes.size())));
    } catch (const toml::parse_error &parseError) {
        if (error)
            *error = QStringLiteral("%1 is not valid TOML (line %2): %3")
                         .arg(path, QString::number(parseError.source().begin.line),
                              QString::fromStdString(std::string(parseError.description())));
        return config;
    }
    for (const auto &[name, node] : table) {
        const QString profileName = QString::fromStdString(std::string(name.str()));
        const toml::table *section = node.as_table();
        if (!section)
            continue;
        if (profileName == QLatin1String("__internal__")) {
            if (auto active = section->get_as<std::string>("profile"))
                config.m_activeProfile = QString::fromStdString(active->get());
            if (auto team = section->get_as<std::string>("team"))
                config.m_team = QString::fromStdString(team->get());
            continue;
        }
        Profile profile;
        if (auto key = section->get_as<std::string>("key"))
            profile.key = QString::fromStdString(key->get());
        if (auto host = section->get_as<std::string>("host"))
            profile.host = QString::fromStdString(host->get());
        config.m_profiles.insert(profileName, profile);
    }
    qCDebug(lcCredentials) << "read" << config.m_profiles.size() << "profiles from" << path;
    return config;
}
