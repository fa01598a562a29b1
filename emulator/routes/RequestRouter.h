#pragma once

#include <QString>

#include <string>

namespace fal::emulator {

class ApiSurface;
struct Exchange;
struct ServerContext;

// Maps a request onto one of fal's files routes, on either surface (REST under /files/, Platform
// API v1 under /v1/serverless/files/, see ApiSurface). Hand-written instead of std::regex: paths
// may contain anything (newlines, NULs once decoded), and the {p} part holds slashes, so each
// route is matched by its fixed prefix and, for multipart, by the fixed segments at the end.
class RequestRouter
{
public:
    enum class Route {
        NotFound,
        List,
        Download,
        UploadLocal,
        UploadUrl,
        Delete,
        Rename,
        Exists,
        CheckHash,
        MultipartInitiate,
        MultipartPart,
        MultipartComplete,
        MultipartCancel,
    };

    struct Match
    {
        Route route = Route::NotFound;
        std::string path;
        std::string uploadId;
        std::string partNumber;
    };

    // `path` is httplib's percent-decoded path, under `surface`'s prefix. `isFormUpload`: the
    // body is multipart/form-data, which tells an upload to ".../multipart/<id>/cancel" from the
    // cancel route of that shape.
    static Match match(const ApiSurface &surface, const std::string &method,
                       const std::string &path, bool isFormUpload);
    // Runs the route's handler; a route the request's surface lacks answers 501.
    static void dispatch(ServerContext &ctx, Exchange &ex, Route route);
    // v1 serves list, download, upload and upload from a URL; REST serves every route.
    static bool offers(const ApiSurface &surface, Route route);

private:
    static QString operationName(Route route);
};

} // namespace fal::emulator
