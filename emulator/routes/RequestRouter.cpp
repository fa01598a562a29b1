#include "emulator/routes/RequestRouter.h"

#include "emulator/routes/DownloadHandler.h"
#include "emulator/routes/Exchange.h"
#include "emulator/routes/FileOpsHandler.h"
#include "emulator/routes/ListingHandler.h"
#include "emulator/routes/MultipartHandler.h"
#include "emulator/routes/UploadHandler.h"

#include <optional>

namespace fal::emulator {

namespace {

// "list" matches "list" (-> "") and "list/<tail>" (-> "<tail>").
std::optional<std::string> tailAfter(const std::string &rest, const std::string &prefix)
{
    if (rest == prefix)
        return std::string();
    if (rest.size() > prefix.size() && rest.compare(0, prefix.size(), prefix) == 0
        && rest[prefix.size()] == '/')
        return rest.substr(prefix.size() + 1);
    return std::nullopt;
}

// Splits "a/b/c" into ("a/b", "c"); false if there is no '/'.
bool splitLast(const std::string &s, std::string *head, std::string *last)
{
    const size_t slash = s.rfind('/');
    if (slash == std::string::npos)
        return false;
    *head = s.substr(0, slash);
    *last = s.substr(slash + 1);
    return true;
}

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size()
        && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

RequestRouter::Match RequestRouter::match(const ApiSurface &surface, const std::string &method,
                                          const std::string &path, bool isFormUpload)
{
    Match m;
    // Both surfaces share one table: v1's routes are REST's under another prefix, and the REST
    // routes v1 lacks are still matched so that dispatch() can say so (501), not just "404".
    const std::optional<std::string> routed = surface.routeOf(path);
    if (!routed)
        return m;
    const std::string &rest = *routed;
    auto route = [&m](Route r, std::string p) {
        m.route = r;
        m.path = std::move(p);
        return m;
    };

    if (method == "GET" || method == "HEAD") {
        if (auto t = tailAfter(rest, "list"))
            return route(Route::List, *t);
        if (auto t = tailAfter(rest, "file"))
            return route(Route::Download, *t);
        return m;
    }
    if (method == "DELETE") {
        if (auto t = tailAfter(rest, "file"))
            return route(Route::Delete, *t);
        return m;
    }
    if (method == "PUT") {
        std::string head, number, p, id;
        if (auto t = tailAfter(rest, "file/multipart");
            t && splitLast(*t, &head, &number) && splitLast(head, &p, &id)) {
            m.uploadId = id;
            m.partNumber = number;
            return route(Route::MultipartPart, p);
        }
        return m;
    }
    if (method != "POST")
        return m;

    if (auto t = tailAfter(rest, "file/multipart")) {
        if (*t == "initiate" || endsWith(*t, "/initiate"))
            return route(Route::MultipartInitiate,
                         t->substr(0, t->size() >= 9 ? t->size() - 9 : 0));
        std::string head, action, p, id;
        if (splitLast(*t, &head, &action) && splitLast(head, &p, &id)) {
            m.uploadId = id;
            if (action == "complete")
                return route(Route::MultipartComplete, p);
            if (action == "cancel")
                return route(Route::MultipartCancel, p);
        }
        return Match();
    }
    if (auto t = tailAfter(rest, "file/local")) {
        // /files/file/local/{p}/multipart/{upload_id}/cancel, as seen in fal's clients
        std::string head, action, beforeId, id, p, word;
        if (!isFormUpload && splitLast(*t, &head, &action) && action == "cancel"
            && splitLast(head, &beforeId, &id) && splitLast(beforeId, &p, &word)
            && word == "multipart") {
            m.uploadId = id;
            return route(Route::MultipartCancel, p);
        }
        return route(Route::UploadLocal, *t);
    }
    if (auto t = tailAfter(rest, "file/url"))
        return route(Route::UploadUrl, *t);
    if (auto t = tailAfter(rest, "file/exists"))
        return route(Route::Exists, *t);
    if (auto t = tailAfter(rest, "dir/check_hash"))
        return route(Route::CheckHash, *t);
    if (auto t = tailAfter(rest, "rename"))
        return route(Route::Rename, *t);
    return m;
}

bool RequestRouter::offers(const ApiSurface &surface, Route route)
{
    if (!surface.isV1())
        return true;
    return route == Route::List || route == Route::Download || route == Route::UploadLocal
        || route == Route::UploadUrl;
}

QString RequestRouter::operationName(Route route)
{
    switch (route) {
    case Route::Delete:
        return QStringLiteral("delete");
    case Route::Rename:
        return QStringLiteral("rename");
    case Route::Exists:
        return QStringLiteral("exists");
    case Route::CheckHash:
        return QStringLiteral("check_hash");
    case Route::MultipartInitiate:
    case Route::MultipartPart:
    case Route::MultipartComplete:
    case Route::MultipartCancel:
        return QStringLiteral("multipart upload");
    default:
        return QStringLiteral("this operation");
    }
}

void RequestRouter::dispatch(ServerContext &ctx, Exchange &ex, Route route)
{
    if (route != Route::NotFound && !offers(ex.surface(), route)) {
        // 501, not 404: a v1 client must be able to tell "no such file" from "no such route".
        HttpResponder::detail(ex.res, 501,
                              operationName(route)
                                  + QStringLiteral(" is not part of fal's Platform API v1; the "
                                                   "REST surface serves it under /files/"));
        return;
    }
    switch (route) {
    case Route::List:
        return ListingHandler::list(ctx, ex);
    case Route::Download:
        return DownloadHandler::download(ctx, ex);
    case Route::UploadLocal:
        return UploadHandler::uploadLocal(ctx, ex);
    case Route::UploadUrl:
        return UploadHandler::uploadFromUrl(ctx, ex);
    case Route::Delete:
        return FileOpsHandler::remove(ctx, ex);
    case Route::Rename:
        return FileOpsHandler::rename(ctx, ex);
    case Route::Exists:
        return FileOpsHandler::exists(ctx, ex);
    case Route::CheckHash:
        return FileOpsHandler::checkHash(ctx, ex);
    case Route::MultipartInitiate:
        return MultipartHandler::initiate(ctx, ex);
    case Route::MultipartPart:
        return MultipartHandler::uploadPart(ctx, ex);
    case Route::MultipartComplete:
        return MultipartHandler::complete(ctx, ex);
    case Route::MultipartCancel:
        return MultipartHandler::cancel(ctx, ex);
    case Route::NotFound:
        break;
    }
    HttpResponder::detail(ex.res, 404, QStringLiteral("Not Found"));
}

} // namespace fal::emulator
