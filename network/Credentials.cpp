#include "Credentials.h"

Credentials::Credentials(QString keyId, QString keySecret, QString source)
    : m_keyId(std::move(keyId)), m_keySecret(std::move(keySecret)), m_source(std::move(source))
{
}

std::optional<Credentials> Credentials::fromKey(const QString &key, const QString &source,
                                                QString *whyNot)
{
    const QString trimmed = key.trimmed();
    const qsizetype colon = trimmed.indexOf(QLatin1Char(':'));
    QString reason;
    if (trimmed.isEmpty())
        reason = QStringLiteral("the key is empty");
    else if (colon <= 0 || colon == trimmed.size() - 1)
        reason = QStringLiteral("a fal key has the form KEY_ID:KEY_SECRET");
    else {
        for (const QChar c : trimmed) {
            if (c.isSpace() || c.unicode() < 0x21 || c.unicode() > 0x7e) {
                reason
                    = QStringLiteral("the key contains a blank or a character that cannot be sent");
                break;
            }
        }
    }
    if (!reason.isEmpty()) {
        if (whyNot)
            *whyNot = reason;
        return std::nullopt;
    }
    return Credentials(trimmed.left(colon), trimmed.mid(colon + 1), source);
}

QByteArray Credentials::authorizationHeader() const
{
    return "Key " + key().toLatin1();
}

QString Credentials::key() const
{
    return m_keyId + QLatin1Char(':') + m_keySecret;
}

QString Credentials::redacted() const
{
    return isValid() ? m_keyId + QStringLiteral(":••••") : QStringLiteral("(no key)");
}
