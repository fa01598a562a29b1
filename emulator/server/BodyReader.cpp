#include "emulator/server/BodyReader.h"

#include "emulator/server/RequestContext.h"

#include <httplib.h>

namespace fal::emulator {

BodyReader::BodyReader(const httplib::ContentReader *reader) : m_reader(reader) { }

const std::string &BodyReader::contentType() const
{
    return RequestContext::current().contentType;
}

BodyReader::Status BodyReader::stream(const std::function<bool(const char *, size_t)> &sink)
{
    if (m_consumed || !m_reader) {
        m_consumed = true;
        return Status::Ok;
    }
    m_consumed = true;
    RequestContext &ctx = RequestContext::current();
    bool dropped = false;
    bool sinkFailed = false;
    const bool ok = (*m_reader)([&](const char *data, size_t length) {
        bool drop = false;
        const qint64 allowed = ctx.requestAllowance(qint64(length), &drop);
        ctx.requestBytes += allowed;
        if (allowed > 0 && !sink(data, size_t(allowed))) {
            sinkFailed = true;
            return false;
        }
        if (drop) {
            dropped = true;
            return false;
        }
        return true;
    });
    if (dropped) {
        // The router cuts the connection once the handler has cleaned up (temp files gone),
        // so a client that sees the drop never finds leftovers.
        ctx.killPending = true;
        return Status::Dropped;
    }
    if (sinkFailed) {
        ctx.closeAfterResponse = true;
        return Status::SinkFailed;
    }
    if (!ok) {
        ctx.closeAfterResponse = true;
        return Status::ReadFailed;
    }
    return Status::Ok;
}

BodyReader::Status BodyReader::readAll(qint64 maxBytes, QByteArray *out)
{
    out->clear();
    bool tooLarge = false;
    const Status status = stream([&](const char *data, size_t length) {
        if (tooLarge || out->size() + qint64(length) > maxBytes) {
            tooLarge = true; // keep reading so the connection stays usable
            out->clear();
            return true;
        }
        out->append(data, qsizetype(length));
        return true;
    });
    if (status == Status::Ok && tooLarge)
        return Status::TooLarge;
    return status;
}

BodyReader::Status BodyReader::drain()
{
    return stream([](const char *, size_t) { return true; });
}

} // namespace fal::emulator
