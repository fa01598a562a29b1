#include "emulator/server/ApiSurface.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace fal::emulator {

namespace {

constexpr std::string_view kRestPrefix = "/files";
constexpr std::string_view kV1Root = "/v1";
constexpr std::string_view kV1Prefix = "/v1/serverless/files";

// `path` is `prefix` itself or below it ("/files", "/files/x"; not "/filesystem").
bool isUnder(const std::string &path, std::string_view prefix)
{
    return path.compare(0, prefix.size(), prefix) == 0
        && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

} // namespace

ApiSurface ApiSurface::forPath(const std::string &path)
{
    return ApiSurface(isUnder(path, kV1Root) ? Kind::PlatformV1 : Kind::Rest);
}

bool ApiSurface::isFilesRoute(const std::string &path)
{
    return isUnder(path, kRestPrefix) || isUnder(path, kV1Prefix);
}

std::optional<std::string> ApiSurface::routeOf(const std::string &path) const
{
    const std::string_view prefix = isV1() ? kV1Prefix : kRestPrefix;
    // The bare prefix ("/files") is no route: every route has a name after the slash.
    if (!isUnder(path, prefix) || path.size() == prefix.size())
        return std::nullopt;
    return path.substr(prefix.size() + 1);
}

QString ApiSurface::newRequestId() const
{
    return isV1() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : QString();
}

QString ApiSurface::v1ErrorType(int status)
{
    switch (status) {
    case 401:
    case 403:
        return QStringLiteral("authorization_error");
    case 404:
        return QStringLiteral("not_found");
    case 429:
        return QStringLiteral("rate_limited");
    case 501:
        return QStringLiteral("not_implemented");
    default:
        // v1 has no type of its own for 409, 413 or 416: they refuse the request as written.
        return status >= 500 ? QStringLiteral("server_error") : QStringLiteral("validation_error");
    }
}

QByteArray ApiSurface::errorBody(int status, const QString &message, const QString &requestId) const
{
    if (!isV1()) {
        const QJsonObject o {{QStringLiteral("detail"), message}};
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    const QJsonObject error {{QStringLiteral("type"), v1ErrorType(status)},
                             {QStringLiteral("message"), message},
                             {QStringLiteral("request_id"), requestId}};
    const QJsonObject o {{QStringLiteral("error"), error}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray ApiSurface::validationBody(const QJsonArray &loc, const QString &message,
                                      const QString &type, const QString &requestId) const
{
    if (!isV1()) {
        const QJsonObject error {{QStringLiteral("loc"), loc},
                                 {QStringLiteral("msg"), message},
                                 {QStringLiteral("type"), type}};
        const QJsonObject o {{QStringLiteral("detail"), QJsonArray {error}}};
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    }
    // The v1 envelope has one message: the place first, as the client renders FastAPI's list.
    QStringList where;
    for (const QJsonValue &part : loc)
        where << (part.isString() ? part.toString() : QString::number(part.toInteger()));
    return errorBody(422, where.join(QLatin1Char('.')) + QStringLiteral(": ") + message, requestId);
}

} // namespace fal::emulator
