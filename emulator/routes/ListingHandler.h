#pragma once

namespace fal::emulator {

struct Exchange;
struct ServerContext;

// GET /files/list[/{p}]: the direct children of {p} as FileSpecs, sorted by name. A folder that
// does not exist, or a file path, answers 200 [] (fal's CLI lists the parent of a new folder
// before uploading into it). The reserved state dir and symlinks leading out of the root are
// left out: they could not be opened anyway.
class ListingHandler
{
public:
    static void list(ServerContext &ctx, Exchange &ex);
};

} // namespace fal::emulator
