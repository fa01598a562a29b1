#pragma once

#include <string>

namespace fal::emulator {

struct Exchange;
struct ServerContext;

// Maps a request onto one of fal's /files routes. Hand-written instead of std::regex: paths may
// contain anything (newlines, NULs once decoded), and the {p} part holds slashes, so each route
// is matched by its fixed prefix and, for multipart, by the fixed segments at the end.
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

    // `path` is httplib's percent-decoded path. `isFormUpload`: the body is multipart/form-data,
    // which tells an upload to ".../multipart/<id>/cancel" from the cancel route of that shape.
    static Match match(const std::string &method, const std::string &path, bool isFormUpload);
    static void dispatch(ServerContext &ctx, Exchange &ex, Route route);
};

} // namespace fal::emulator
