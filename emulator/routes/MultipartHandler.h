#pragma once

namespace fal::emulator {

struct Exchange;
struct ServerContext;

// The multipart routes. Never answers 409: fal's client reads 409 as "already exists" and
// returns quietly without uploading anything.
//   POST /files/file/multipart/{p}/initiate           [JSON {"chunk_size","content_md5","size"}]
//   PUT  /files/file/multipart/{p}/{upload_id}/{n}    multipart/form-data, part "file_upload"
//   POST /files/file/multipart/{p}/{upload_id}/complete  {"parts":[{"part_number","etag"}...]}
//   POST /files/file/multipart/{p}/{upload_id}/cancel (also /files/file/local/{p}/multipart/...)
class MultipartHandler
{
public:
    static void initiate(ServerContext &ctx, Exchange &ex);
    static void uploadPart(ServerContext &ctx, Exchange &ex);
    static void complete(ServerContext &ctx, Exchange &ex);
    static void cancel(ServerContext &ctx, Exchange &ex);
};

} // namespace fal::emulator
