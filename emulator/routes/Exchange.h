#pragma once

#include "emulator/server/BodyReader.h"
#include "emulator/server/EmulatorOptions.h"
#include "emulator/server/HttpResponder.h"
#include "emulator/server/RequestContext.h"
#include "emulator/store/SafePathResolver.h"

#include <atomic>
#include <string>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace fal::emulator {

class MultipartStore;
class StagingArea;

// What every handler may use: the options and the store. Made and owned by EmulatorService
// (behind EmulatorServer) when it starts; alive while it serves.
struct ServerContext
{
    const EmulatorOptions &options;
    const SafePathResolver &resolver;
    const StagingArea &staging;
    MultipartStore &multipart;
    const std::atomic<bool> &stopping;
};

// One request being answered: the decoded route arguments plus the raw request/response.
struct Exchange
{
    const httplib::Request &req;
    httplib::Response &res;
    BodyReader &body;
    std::string path; // percent-decoded path argument, may be empty (root)
    std::string uploadId;
    std::string partNumber;

    // REST or v1: decides the shape of listing entries. Error answers follow it by themselves
    // (HttpResponder reads the same RequestContext).
    const ApiSurface &surface() const { return RequestContext::current().surface; }

    // Resolves `path`; on failure answers 400 with the reason and returns false.
    bool resolvePath(const ServerContext &ctx, ResolvedPath *out)
    {
        QString error;
        if (ctx.resolver.resolve(path, out, &error))
            return true;
        HttpResponder::detail(res, 400, error);
        return false;
    }
};

} // namespace fal::emulator
