#include "network/api/ApiError.h"

#include "network/text/VisibleText.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

bool ApiError::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::RateLimited:
    case Kind::Server:
        return true;
    default:
        return false;
    }
}

QString ApiError::detailFromBody(const QByteArray &body)
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    const QJsonValue detail = document.object().value(QLatin1String("detail"));
    if (detail.isString())
        return detail.toString();
    if (detail.isArray()) {
        QStringList messages;
        for (const QJsonValue &item : detail.toArray()) {
            const QJsonObject object = item.toObject();
            QStringList location;
            for (const QJsonValue &part : object.value(QLatin1String("loc")).toArray())
                location << (part.isString() ? part.toString() : QString::number(part.toInt()));
            const QString msg = object.value(QLatin1String("msg")).toString();
            messages << (location.isEmpty()
                             ? msg
                             : location.join(QLatin1Char('.')) + QLatin1String(": ") + msg);
        }
        return messages.join(QLatin1String("; "));
    }
    // Platform API v1 form: {"error": {"message": ...}}
    const QJsonValue error = document.object().value(QLatin1String("error"));
    if (error.isObject())
        return error.toObject().value(QLatin1String("message")).toString();
    // A proxy's HTML page or plain text: keep a short, printable excerpt.
    QString text = QString::fromUtf8(body.left(200)).simplified();
    return text.startsWith(QLatin1Char('<')) ? QString() : text;
}

ApiError ApiError::fromHttp(int status, const QByteArray &body, const QByteArray &retryAfter,
                            const QByteArray &location)
{
    ApiError error;
    error.httpStatus = status;
    error.detail = detailFromBody(body);
    if (status >= 300 && status < 400)
        error.redirectTo = QString::fromUtf8(location.trimmed().left(500));
    bool ok = false;
    const qint64 seconds = retryAfter.trimmed().toLongLong(&ok);
    if (ok) {
        error.retryAfterSecs = seconds < 0 ? -1 : int(qMin<qint64>(seconds, 365 * 24 * 3600));
    } else if (!retryAfter.trimmed().isEmpty()) {
        // The other form HTTP allows: a date ("Wed, 21 Oct 2015 07:28:00 GMT").
        const QDateTime when
            = QDateTime::fromString(QString::fromLatin1(retryAfter.trimmed()), Qt::RFC2822Date);
        if (when.isValid())
            error.retryAfterSecs = int(qBound(
                qint64(0), QDateTime::currentDateTimeUtc().secsTo(when), qint64(365 * 24 * 3600)));
    }
    if (status == 401)
        error.kind = Kind::Unauthorized;
    else if (status == 403)
        error.kind = Kind::Forbidden;
    else if (status == 404)
        error.kind = Kind::NotFound;
    else if (status == 409)
        error.kind = Kind::Conflict;
    else if (status == 413)
        error.kind = Kind::TooLarge;
    else if (status == 429)
        error.kind = Kind::RateLimited;
    else if (status == 408)
        error.kind = Kind::Timeout;
    else if (status >= 500)
        error.kind = Kind::Server;
    else if (status >= 400)
        error.kind = Kind::BadRequest;
    else
        error.kind = Kind::Protocol;
    return error;
}

QString ApiError::message() const
{
    return VisibleText::escaped(sentence());
}

QString ApiError::sentence() const
{
    const QString said
        = detail.isEmpty() ? QString() : QStringLiteral(" The server said: \"%1\"").arg(detail);
    switch (kind) {
    case Kind::None:
        return {};
    case Kind::Network:
        return QStringLiteral(
                   "Could not reach the fal files service (%1). Check the network connection.")
            .arg(detail);
    case Kind::Timeout:
        return QStringLiteral("The fal files service stopped answering (%1).")
            .arg(detail.isEmpty() ? QStringLiteral("timed out") : detail);
    case Kind::Unauthorized:
        return QStringLiteral("No API key was sent or the service does not accept it. Sign in with "
                              "a fal key (FAL_KEY or ~/.fal/config.toml).")
            + said;
    case Kind::Forbidden:
        return QStringLiteral(
                   "The API key was refused. Check that the key is right and still active.")
            + said;
    case Kind::NotFound:
        return QStringLiteral("Not found.") + said;
    case Kind::Conflict:
        return QStringLiteral("Something with that name already exists.") + said;
    case Kind::TooLarge:
        return QStringLiteral("The server refused the request as too large.") + said;
    case Kind::BadRequest:
        return QStringLiteral("The server refused the request (HTTP %1).").arg(httpStatus) + said;
    case Kind::RateLimited:
        return QStringLiteral("The service asked us to slow down (HTTP 429).") + said;
    case Kind::Server:
        return QStringLiteral("The fal files service had an internal error (HTTP %1).")
                   .arg(httpStatus)
            + said;
    case Kind::Protocol:
        if (httpStatus >= 300 && httpStatus < 400)
            return redirectSentence() + said;
        return QStringLiteral("The server's answer could not be understood: %1").arg(detail);
    case Kind::Integrity:
        return QStringLiteral("Verification failed: %1").arg(detail);
    case Kind::Local:
    case Kind::Changed:
        return detail;
    case Kind::Cancelled:
        return QStringLiteral("Cancelled.");
    }
    return detail;
}

QString ApiError::redirectSentence() const
{
    // The endpoint is what the person chose; an answer pointing elsewhere is not followed, so
    // that the key never goes to another host (FilesClient: ManualRedirectPolicy).
    static const QHash<int, QString> names {
        {300, QStringLiteral("Multiple Choices")},
        {301, QStringLiteral("Moved Permanently")},
        {302, QStringLiteral("Found")},
        {303, QStringLiteral("See Other")},
        {304, QStringLiteral("Not Modified")},
        {307, QStringLiteral("Temporary Redirect")},
        {308, QStringLiteral("Permanent Redirect")},
    };
    const QString status = names.contains(httpStatus)
        ? QStringLiteral("%1 %2").arg(httpStatus).arg(names.value(httpStatus))
        : QStringLiteral("HTTP %1").arg(httpStatus);
    if (redirectTo.isEmpty())
        return QStringLiteral("The service answered %1 without saying where to go; fal Files does "
                              "not follow redirects. Check the endpoint.")
            .arg(status);
    return QStringLiteral("The service answered %1 (a redirect to %2), which fal Files does not "
                          "follow: the key is sent only to the endpoint you chose. Check the "
                          "endpoint.")
        .arg(status, redirectTo);
}
