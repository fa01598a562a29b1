#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

// A fal API key ("key_id:key_secret") and where it came from. The secret never leaves this class
// except as the Authorization header value; debug output and descriptions show the id only.
class Credentials
{
public:
    Credentials() = default;
    Credentials(QString keyId, QString keySecret, QString source);

    // Parses "id:secret" (surrounding blanks ignored). Nullopt with a reason for anything else.
    static std::optional<Credentials> fromKey(const QString &key, const QString &source,
                                              QString *whyNot = nullptr);

    // The key written in a file (--key-file): its first line that is not blank. "-" reads
    // standard input. A file keeps the key out of the process list and the shell's history,
    // where --key would put it. Nullopt with a reason when it cannot be read.
    static std::optional<QString> readKeyFile(const QString &path, QString *whyNot = nullptr);

    bool isValid() const { return !m_keyId.isEmpty() && !m_keySecret.isEmpty(); }
    QString keyId() const { return m_keyId; }
    QString source() const { return m_source; } // "the FAL_KEY environment variable", ...
    QByteArray authorizationHeader() const; // "Key id:secret"
    QString key() const; // "id:secret": only for storing it in a keychain
    QString redacted() const; // "id:••••"

    bool operator==(const Credentials &other) const
    {
        return m_keyId == other.m_keyId && m_keySecret == other.m_keySecret;
    }

private:
    QString m_keyId;
    QString m_keySecret;
    QString m_source;
};
