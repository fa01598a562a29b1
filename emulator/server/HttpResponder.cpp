#include "emulator/server/HttpResponder.h"

#include "emulator/server/RequestContext.h"

#include <httplib.h>

namespace fal::emulator {

void HttpResponder::bytes(httplib::Response &res, int status, const QByteArray &body,
                          const char *contentType)
{
    res.status = status;
    if (body.isEmpty()) {
        // httplib only sends Content-Length: 0 for an empty plain body, not for a provider.
        res.set_content(std::string(), contentType);
        return;
    }
    res.set_content_provider(size_t(body.size()), contentType,
                             [body](size_t offset, size_t length, httplib::DataSink &sink) {
                                 return RequestContext::current().writeBody(
                                     sink, body.constData() + offset, length, true);
                             });
}

void HttpResponder::json(httplib::Response &res, int status, const QByteArray &body)
{
    bytes(res, status, body, "application/json");
}

void HttpResponder::detail(httplib::Response &res, int status, const QString &message)
{
    const RequestContext &rc = RequestContext::current();
    json(res, status, rc.surface.errorBody(status, message, rc.requestId));
}

void HttpResponder::validation(httplib::Response &res, const QJsonArray &loc,
                               const QString &message, const QString &type)
{
    const RequestContext &rc = RequestContext::current();
    json(res, 422, rc.surface.validationBody(loc, message, type, rc.requestId));
}

} // namespace fal::emulator
