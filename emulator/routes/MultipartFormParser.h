#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
#include <string>

namespace fal::emulator {

// A streaming multipart/form-data parser. httplib's own parser hands over part data but not
// the raw byte count, so the drop fault and the request log could not be exact with it; this one
// sees every raw byte and never holds more than one network read plus a boundary in memory.
class MultipartFormParser
{
public:
    struct PartHeader
    {
        QString name;
        QString filename;
        bool hasFilename = false;
        QByteArray contentType;
    };

    // Each callback returns false to stop parsing (feed() then returns false with no error()).
    std::function<bool(const PartHeader &)> onPartBegin;
    std::function<bool(const char *, size_t)> onPartData;
    std::function<bool()> onPartEnd;

    explicit MultipartFormParser(const std::string &boundary);

    static bool boundaryFromContentType(const std::string &contentType, std::string *boundary);
    static bool parseContentDisposition(const QByteArray &value, PartHeader *header);

    bool feed(const char *data, size_t length);
    bool isComplete() const { return m_state == State::Epilogue; } // closing delimiter seen
    QString error() const { return m_error; }

private:
    enum class State { Preamble, AfterDelimiter, Headers, Body, Epilogue, Failed };

    bool fail(const QString &message);
    bool parseHeaders(const char *data, size_t length);
    void compact();

    std::string m_delimiter; // "\r\n--" + boundary
    std::string m_buffer;
    size_t m_pos = 0; // consumed prefix of m_buffer
    State m_state = State::Preamble;
    int m_parts = 0;
    size_t m_preambleBytes = 0;
    QString m_error;
};

} // namespace fal::emulator
