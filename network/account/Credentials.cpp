#include "network/account/Credentials.h"

#include <QFile>

#include <cstdio>

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

std::optional<QString> Credentials::readKeyFile(const QString &path, QString *whyNot)
{
    auto fail = [whyNot](const QString &why) -> std::optional<QString> {
        if (whyNot)
            *whyNot = why;
        return std::nullopt;
    };
    const bool standardInput = path == QLatin1String("-");
    const QString name = standardInput ? QStringLiteral("standard input") : path;
    QFile file;
    if (standardInput ? !file.open(stdin, QIODevice::ReadOnly)
                      : (file.setFileName(path), !file.open(QIODevice::ReadOnly)))
        return fail(
            QStringLiteral("cannot read the key file %1: %2").arg(name, file.errorString()));
    // A key is ~80 bytes; a few KiB is plenty and keeps a wrong path (a disk image) from being
    // read whole.
    const QByteArray contents = file.read(4096);
    for (const QByteArray &line : contents.split('\n')) {
        if (!line.trimmed().isEmpty())
            return QString::fromUtf8(line.trimmed());
    }
    return fail(QStringLiteral("the key file %1 is empty").arg(name));
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
