#include "emulator/routes/ListingHandler.h"

#include "emulator/routes/Exchange.h"
#include "emulator/routes/FileSpecJson.h"
#include "emulator/store/DirectoryScan.h"

namespace fal::emulator {

void ListingHandler::list(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath dir;
    if (!ex.resolvePath(ctx, &dir))
        return;
    DirectoryScan scan;
    scan.scan(ctx.resolver, dir);
    HttpResponder::json(ex.res, 200, FileSpecJson::listing(ex.surface(), dir.apiPath(), scan));
}

} // namespace fal::emulator
