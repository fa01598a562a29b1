#include "emulator/routes/MultipartFormParser.h"

#include <QList>
#include <QUrl>

#include <cstring>

namespace fal::emulator {

namespace {

constexpr size_t kMaxHeaderBlock = 16 * 1024; // also the longest preamble
constexpr size_t kMaxBoundaryLine = 1024; // transport padding after a delimiter
constexpr int kMaxParts = 64;

const char *findBytes(const char *haystack, size_t haystackLength, const std::string &needle)
{
    return static_cast<const char *>(
        ::memmem(haystack, haystackLength, needle.data(), needle.size()));
}

QByteArray unquote(QByteArray value)
{
    value = value.trimmed();
    if (value.size() < 2 || !value.startsWith('"') || !value.endsWith('"'))
        return value;
    QByteArray out;
    for (qsizetype i = 1; i + 1 < value.size(); ++i) {
        if (value.at(i) == '\\' && i + 2 < value.size())
            ++i;
        out.append(value.at(i));
    }
    return out;
}

// Splits on ';' outside quoted strings.
QList<QByteArray> splitParameters(const QByteArray &value)
{
    QList<QByteArray> out;
    QByteArray current;
    bool quoted = false;
    for (qsizetype i = 0; i < value.size(); ++i) {
        const char c = value.at(i);
        if (quoted && c == '\\' && i + 1 < value.size()) {
            current.append(c);
            current.append(value.at(++i));
            continue;
        }
        if (c == '"')
            quoted = !quoted;
        if (c == ';' && !quoted) {
            out.append(current.trimmed());
            current.clear();
            continue;
        }
        current.append(c);
    }
    out.append(current.trimmed());
    return out;
}

} // namespace

MultipartFormParser::MultipartFormParser(const std::string &boundary)
    : m_delimiter("\r\n--" + boundary)
{
    // A body may open with its first delimiter without a CRLF before it; pretending there was one
    // lets one search pattern find every delimiter.
    m_buffer = "\r\n";
}

bool MultipartFormParser::boundaryFromContentType(const std::string &contentType,
                                                  std::string *boundary)
{
    const QByteArray value = QByteArray::fromStdString(contentType);
    const QList<QByteArray> params = splitParameters(value);
    if (params.isEmpty() || params.first().toLower() != "multipart/form-data")
        return false;
    for (qsizetype i = 1; i < params.size(); ++i) {
        const qsizetype eq = params.at(i).indexOf('=');
        if (eq < 0 || params.at(i).left(eq).trimmed().toLower() != "boundary")
            continue;
        const QByteArray b = unquote(params.at(i).mid(eq + 1));
        if (b.isEmpty() || b.size() > 200)
            return false;
        *boundary = b.toStdString();
        return true;
    }
    return false;
}

bool MultipartFormParser::parseContentDisposition(const QByteArray &value, PartHeader *header)
{
    const QList<QByteArray> params = splitParameters(value);
    if (params.isEmpty() || params.first().toLower() != "form-data")
        return false;
    for (qsizetype i = 1; i < params.size(); ++i) {
        const qsizetype eq = params.at(i).indexOf('=');
        if (eq < 0)
            continue;
        const QByteArray key = params.at(i).left(eq).trimmed().toLower();
        const QByteArray raw = params.at(i).mid(eq + 1).trimmed();
        if (key == "name") {
            header->name = QString::fromUtf8(unquote(raw));
        } else if (key == "filename" && !header->hasFilename) {
            header->filename = QString::fromUtf8(unquote(raw));
            header->hasFilename = true;
        } else if (key == "filename*") {
            // RFC 5987: charset'lang'percent-encoded
            const QList<QByteArray> pieces = unquote(raw).split('\'');
            if (pieces.size() == 3) {
                header->filename = QUrl::fromPercentEncoding(pieces.at(2));
                header->hasFilename = true;
            }
        }
    }
    return true;
}

bool MultipartFormParser::fail(const QString &message)
{
    m_state = State::Failed;
    m_error = message;
    return false;
}

bool MultipartFormParser::parseHeaders(const char *data, size_t length)
{
    PartHeader header;
    bool sawDisposition = false;
    const QList<QByteArray> lines = QByteArray(data, qsizetype(length)).split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(QStringLiteral("malformed part header"));
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-disposition") {
            if (!parseContentDisposition(value, &header))
                return fail(QStringLiteral("part is not form-data"));
            sawDisposition = true;
        } else if (name == "content-type") {
            header.contentType = value;
        }
    }
    if (!sawDisposition)
        return fail(QStringLiteral("part without Content-Disposition"));
    if (++m_parts > kMaxParts)
        return fail(QStringLiteral("too many parts"));
    return !onPartBegin || onPartBegin(header);
}

void MultipartFormParser::compact()
{
    if (m_pos > 0 && (m_pos >= m_buffer.size() || m_pos > 64 * 1024)) {
        m_buffer.erase(0, m_pos);
        m_pos = 0;
    }
}

bool MultipartFormParser::feed(const char *data, size_t length)
{
    if (m_state == State::Failed)
        return false;
    if (m_state == State::Epilogue)
        return true; // whatever follows the closing delimiter is ignored
    m_buffer.append(data, length);

    for (;;) {
        const char *begin = m_buffer.data() + m_pos;
        const size_t available = m_buffer.size() - m_pos;
        switch (m_state) {
        case State::Preamble: {
            // Each limit below is checked both when its terminator is found and while it is
            // awaited, and only once the terminator can no longer come in time: the verdict
            // must not depend on how the network split the body.
            const char *hit = findBytes(begin, available, m_delimiter);
            if (!hit) {
                // Keep only what could be the start of a delimiter.
                const size_t keep = std::min(available, m_delimiter.size() - 1);
                m_pos += available - keep;
                m_preambleBytes += available - keep;
                compact();
                if (m_preambleBytes > kMaxHeaderBlock)
                    return fail(QStringLiteral("no multipart boundary found"));
                return true;
            }
            if (m_preambleBytes + size_t(hit - begin) > kMaxHeaderBlock)
                return fail(QStringLiteral("no multipart boundary found"));
            m_pos += size_t(hit - begin) + m_delimiter.size();
            m_state = State::AfterDelimiter;
            break;
        }
        case State::AfterDelimiter: {
            if (available < 2)
                return true;
            if (begin[0] == '-' && begin[1] == '-') {
                m_state = State::Epilogue;
                m_buffer.clear();
                m_pos = 0;
                return true;
            }
            const char *eol = findBytes(begin, available, "\r\n");
            if (!eol) {
                if (available > kMaxBoundaryLine + 1) // a CR last could still end it in time
                    return fail(QStringLiteral("malformed boundary line"));
                return true;
            }
            if (size_t(eol - begin) > kMaxBoundaryLine)
                return fail(QStringLiteral("malformed boundary line"));
            m_pos += size_t(eol - begin) + 2; // transport padding before the CRLF is ignored
            m_state = State::Headers;
            break;
        }
        case State::Headers: {
            if (available >= 2 && begin[0] == '\r' && begin[1] == '\n') {
                return fail(QStringLiteral("part without Content-Disposition"));
            }
            const char *end = findBytes(begin, available, "\r\n\r\n");
            if (!end) {
                if (available > kMaxHeaderBlock + 3) // "\r\n\r" last could still end it in time
                    return fail(QStringLiteral("part headers too long"));
                return true;
            }
            const size_t headerLength = size_t(end - begin);
            if (headerLength > kMaxHeaderBlock)
                return fail(QStringLiteral("part headers too long"));
            if (!parseHeaders(begin, headerLength))
                return false;
            m_pos += headerLength + 4;
            m_state = State::Body;
            break;
        }
        case State::Body: {
            const char *hit = findBytes(begin, available, m_delimiter);
            if (!hit) {
                const size_t keep = std::min(available, m_delimiter.size() - 1);
                const size_t emit = available - keep;
                if (emit > 0 && onPartData && !onPartData(begin, emit))
                    return false;
                m_pos += emit;
                compact();
                return true;
            }
            const size_t emit = size_t(hit - begin);
            if (emit > 0 && onPartData && !onPartData(begin, emit))
                return false;
            if (onPartEnd && !onPartEnd())
                return false;
            m_pos += emit + m_delimiter.size();
            m_state = State::AfterDelimiter;
            break;
        }
        case State::Epilogue:
        case State::Failed:
            return m_state == State::Epilogue;
        }
    }
}

} // namespace fal::emulator
