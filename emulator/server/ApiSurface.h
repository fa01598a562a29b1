#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QString>

#include <optional>
#include <string>

namespace fal::emulator {

// Which of fal's two public HTTP surfaces a request speaks, and what differs between them on the
// wire (network/api/PROTOCOL.md). The emulator serves both over the same store with the same
// handlers; they ask this object where the surfaces differ instead of being copied:
//
// - Rest: routes under /files/, errors {"detail": ...} (FastAPI), times as float seconds.
// - PlatformV1: routes under /v1/serverless/files/, errors
//   {"error": {"type", "message", "request_id"}}, times as ISO-8601 UTC strings
//   (FileSpecJson), and only list, download, upload and upload from a URL (RequestRouter).
//
// A small value: each request's RequestContext holds one, so every answer of the request (the
// gate's 401/403/429/5xx, the handlers', httplib's own error answers) speaks the same dialect.
class ApiSurface
{
public:
    enum class Kind { Rest, PlatformV1 };

    constexpr ApiSurface() = default;
    constexpr explicit ApiSurface(Kind kind) : m_kind(kind) { }

    // PlatformV1 for "/v1" and everything below it (a v1 client hitting a typo still gets the
    // envelope it parses); Rest for everything else, as before v1 was served.
    static ApiSurface forPath(const std::string &path);
    // True under either surface's files prefix: the key check and the faults apply there only.
    static bool isFilesRoute(const std::string &path);

    Kind kind() const { return m_kind; }
    bool isV1() const { return m_kind == Kind::PlatformV1; }
    // The route after this surface's files prefix ("list/models" of "/files/list/models");
    // nullopt when `path` is not under it.
    std::optional<std::string> routeOf(const std::string &path) const;

    // A fresh id for one request's v1 error bodies (and its log entry). Rest answers carry none,
    // so Rest gets an empty one and its log lines stay as they were.
    QString newRequestId() const;

    // The error body of this dialect. Rest: {"detail": message}, byte for byte as before.
    QByteArray errorBody(int status, const QString &message, const QString &requestId) const;
    // A validation failure at `loc` (FastAPI's 422 list on Rest; one validation_error message,
    // "body.file_upload: field required", on v1).
    QByteArray validationBody(const QJsonArray &loc, const QString &message, const QString &type,
                              const QString &requestId) const;

    // The v1 error type of a status: authorization_error, validation_error, not_found,
    // rate_limited, server_error or not_implemented.
    static QString v1ErrorType(int status);

private:
    Kind m_kind = Kind::Rest;
};

} // namespace fal::emulator
