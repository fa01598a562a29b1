#pragma once

#include <QByteArray>

#include <functional>
#include <string>

namespace httplib {
class ContentReader;
}

namespace fal::emulator {

// The request body as a stream of raw bytes, counted for the request log and cut off by the drop
// fault. httplib can read a body only once, so a BodyReader can be consumed only once; whatever a
// handler leaves unread is drained by the router, so a kept-alive connection never parses body
// bytes as the next request.
class BodyReader
{
public:
    enum class Status {
        Ok,
        Dropped, // the drop fault fired; nothing can be answered, the router cuts the connection
        SinkFailed, // the caller's sink said stop; the body was not read to the end
        TooLarge, // readAll(): more than the limit (the rest was drained)
        ReadFailed, // the client went away or sent a broken body
    };

    explicit BodyReader(const httplib::ContentReader *reader);

    Status stream(const std::function<bool(const char *, size_t)> &sink);
    Status readAll(qint64 maxBytes, QByteArray *out);
    Status drain();

    bool consumed() const { return m_consumed; }
    // The Content-Type the client sent (multipart types are hidden from httplib, see router).
    const std::string &contentType() const;

private:
    const httplib::ContentReader *m_reader;
    bool m_consumed = false;
};

} // namespace fal::emulator
