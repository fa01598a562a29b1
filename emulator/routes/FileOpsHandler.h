#pragma once

namespace fal::emulator {

struct Exchange;
struct ServerContext;

// DELETE /files/file/{p}, POST /files/rename/{p}, POST /files/file/exists/{p},
// POST /files/dir/check_hash/{p}.
class FileOpsHandler
{
public:
    static void remove(ServerContext &ctx, Exchange &ex);
    static void rename(ServerContext &ctx, Exchange &ex);
    static void exists(ServerContext &ctx, Exchange &ex);
    static void checkHash(ServerContext &ctx, Exchange &ex);
};

} // namespace fal::emulator
