#pragma once

namespace fal::emulator {

struct Exchange;
struct ServerContext;

// POST /files/file/local/{p}[?unzip=true] and POST /files/file/url/{p}.
//
// Uploads stream into a temporary file under the reserved dir and are renamed onto {p} only when
// whole: a dropped upload leaves the old file as it was and no temporary file behind. An
// existing file is overwritten (the client asks the user first).
//
// unzip=true follows fal's sync_dir(): it uploads a ZIP of a local folder to the *remote folder*
// path with unzip=true, entries relative to that folder. So {p} is the directory to extract
// into (created if missing, merged into if present: files replace files, nothing else is
// removed). A ZIP holding just "newdir/" therefore creates {p}/newdir, which is how our client
// makes an empty folder, the API having no mkdir.
class UploadHandler
{
public:
    static void uploadLocal(ServerContext &ctx, Exchange &ex);
    static void uploadFromUrl(ServerContext &ctx, Exchange &ex);
};

} // namespace fal::emulator
