#pragma once

#include <QMap>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// fal's own CLI configuration, ~/.fal/config.toml (or $FAL_CONFIG_PATH): one table per profile
// with `key` and `host`; the table [__internal__] holds the active `profile` and the `team`.
// Read-only here: the file belongs to fal's CLI.
class FalConfig
{
public:
    struct Profile
    {
        QString key;
        QString host;
    };

    // The file fal's tools read: $FAL_CONFIG_PATH, else ~/.fal/config.toml.
    static QString defaultPath();
    static QString defaultPath(const QProcessEnvironment &env);
    // A missing file is not an error (an empty config); a malformed one is, with the parser's
    // reason.
    static FalConfig load(const QString &path, QString *error = nullptr);

    QString path() const { return m_path; }
    QStringList profileNames() const { return m_profiles.keys(); }
    bool hasProfile(const QString &name) const { return m_profiles.contains(name); }
    Profile profile(const QString &name) const { return m_profiles.value(name); }
    QString activeProfile() const { return m_activeProfile; } // from [__internal__].profile
    QString team() const { return m_team; }

private:
    QString m_path;
    QMap<QString, Profile> m_profiles;
    QString m_activeProfile;
    QString m_team;
};
