#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QString>

namespace httplib {
struct Response;
}

namespace fal::emulator {

// Writes answers the way fal shapes them. Error bodies follow the surface of the request being
// handled on this thread (RequestContext::surface: REST's FastAPI form or v1's envelope), so no
// handler needs to know which surface it serves. Every body goes out through a content provider
// so the bytes sent are counted and the drop fault can cut any answer short.
class HttpResponder
{
public:
    static void json(httplib::Response &res, int status, const QByteArray &body);
    static void jsonTrue(httplib::Response &res) { json(res, 200, QByteArrayLiteral("true")); }
    // {"detail": "message"}; on v1 {"error": {"type", "message", "request_id"}}
    static void detail(httplib::Response &res, int status, const QString &message);
    // 422 {"detail":[{"loc":[...],"msg":"...","type":"..."}]}, pydantic's form; on v1 the
    // envelope with a validation_error
    static void validation(httplib::Response &res, const QJsonArray &loc, const QString &message,
                           const QString &type);
    static void missingField(httplib::Response &res, const QJsonArray &loc)
    {
        validation(res, loc, QStringLiteral("field required"),
                   QStringLiteral("value_error.missing"));
    }
    // Any bytes; `contentType` must outlive the call only for the duration of the call.
    static void bytes(httplib::Response &res, int status, const QByteArray &body,
                      const char *contentType);
};

} // namespace fal::emulator
