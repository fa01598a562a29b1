#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace fal::emulator {

struct Exchange;
struct ServerContext;

// GET and HEAD /files/file/{p}: the file's bytes, streamed from disk 256 KiB at a time.
//
// Range handling is done here, not by httplib. httplib 0.11.4 applies req.ranges to every
// answer by itself: it slices a content provider (and even a JSON error body) and adds
// Content-Range whatever status the handler set, so an If-Range mismatch answered "200 full"
// would still go out sliced, and an unsatisfiable range becomes a 206 with a wrapped-around
// Content-Length. A syntactically invalid Range header is answered 416 before any handler runs.
// RequestGate (emulator/server) therefore clears req.ranges for every request before routing,
// and this handler parses the Range header itself: one range -> 206 + Content-Range; several ->
// the whole file (allowed by RFC 9110); beyond the end -> 416 with "Content-Range: bytes */size";
// If-Range not matching the current ETag (or Last-Modified date) -> the whole file, 200.
class DownloadHandler
{
public:
    static void download(ServerContext &ctx, Exchange &ex);

    // Parses one "bytes=a-b" / "bytes=a-" / "bytes=-n" range against `size`. Returns nullopt if
    // the header should be ignored (malformed or several ranges); {-1,-1} if unsatisfiable;
    // else [first, last] inclusive.
    static std::optional<std::pair<qint64, qint64>> parseRange(const QString &header, qint64 size);
};

} // namespace fal::emulator
