#include "app/cli/FileSpecJsonWriter.h"

#include <QCborValue>
#include <QJsonValue>
#include <QLocale>

#include <cmath>
#include <cstring>

namespace {

char hexDigit(unsigned value)
{
    return "0123456789abcdef"[value & 0xf];
}

// Copies a literal (without its terminating zero) to `w`.
template<size_t N> char *put(char *w, const char (&text)[N])
{
    std::memcpy(w, text, N - 1);
    return w + N - 1;
}

// The most a string can take: 6 bytes per UTF-16 unit (\uXXXX) and its quotes.
qsizetype stringRoom(const QString &text)
{
    return 2 + 6 * text.size();
}

} // namespace

char *FileSpecJsonWriter::writeString(char *w, const QString &text)
{
    // As Qt's JSON writer escapes: quote, backslash and C0 controls; everything else as UTF-8,
    // and a UTF-16 unit that is no character (a lone surrogate) as \uXXXX. Written through a
    // pointer into room made beforehand (stringRoom()): appending byte by byte was most of the
    // cost of `ls --json`.
    const auto hex4 = [&w](unsigned u) {
        *w++ = '\\';
        *w++ = 'u';
        *w++ = hexDigit(u >> 12);
        *w++ = hexDigit(u >> 8);
        *w++ = hexDigit(u >> 4);
        *w++ = hexDigit(u);
    };
    *w++ = '"';
    const char16_t *src = reinterpret_cast<const char16_t *>(text.constData());
    const char16_t *const end = src + text.size();
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            char escape = 0;
            switch (u) {
            case 0x22:
                escape = '"';
                break;
            case 0x5c:
                escape = '\\';
                break;
            case 0x8:
                escape = 'b';
                break;
            case 0xc:
                escape = 'f';
                break;
            case 0xa:
                escape = 'n';
                break;
            case 0xd:
                escape = 'r';
                break;
            case 0x9:
                escape = 't';
                break;
            default:
                break;
            }
            if (escape) {
                *w++ = '\\';
                *w++ = escape;
            } else if (u < 0x20) {
                hex4(u);
            } else {
                *w++ = char(u);
            }
            continue;
        }
        char32_t code = u;
        if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            code = QChar::surrogateToUcs4(u, *src++);
        } else if (QChar::isSurrogate(u)) {
            hex4(u);
            continue;
        }
        if (code < 0x800) {
            *w++ = char(0xc0 | (code >> 6));
        } else if (code < 0x10000) {
            *w++ = char(0xe0 | (code >> 12));
            *w++ = char(0x80 | ((code >> 6) & 0x3f));
        } else {
            *w++ = char(0xf0 | (code >> 18));
            *w++ = char(0x80 | ((code >> 12) & 0x3f));
            *w++ = char(0x80 | ((code >> 6) & 0x3f));
        }
        *w++ = char(0x80 | (code & 0x3f));
    }
    *w++ = '"';
    return w;
}

char *FileSpecJsonWriter::writeNumber(char *w, double number)
{
    // QJsonValue(double) keeps some doubles as integers and Qt writes the two kinds differently;
    // asking the same QCborValue keeps the choice Qt's.
    const QCborValue value = QCborValue::fromJsonValue(QJsonValue(number));
    QByteArray text;
    if (value.isInteger())
        text = QByteArray::number(value.toInteger());
    else if (std::isfinite(number))
        text = QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    else
        text = "null";
    Q_ASSERT(text.size() <= kNumberRoom);
    std::memcpy(w, text.constData(), size_t(text.size()));
    return w + text.size();
}

void FileSpecJsonWriter::appendEntry(QByteArray &out, const FileSpec &spec)
{
    // QJsonObject sorts its keys; these are in that order. Written through a pointer into room
    // made once for the entry: a QByteArray append per key and value cost a third of the time.
    const QString path = spec.path.absolute();
    const qsizetype start = out.size();
    out.resize(start + 256 + 3 * kNumberRoom + stringRoom(spec.checksumMd5)
               + stringRoom(spec.checksumSha256) + stringRoom(spec.name) + stringRoom(path));
    char *w = out.data() + start;
    w = put(w, "    {\n");
    if (!spec.checksumMd5.isEmpty()) {
        w = put(w, "        \"checksum_md5\": ");
        w = writeString(w, spec.checksumMd5);
        w = put(w, ",\n");
    }
    if (!spec.checksumSha256.isEmpty()) {
        w = put(w, "        \"checksum_sha256\": ");
        w = writeString(w, spec.checksumSha256);
        w = put(w, ",\n");
    }
    w = put(w, "        \"created_time\": ");
    w = spec.created.isValid() ? writeNumber(w, spec.created.toMSecsSinceEpoch() / 1000.0)
                               : put(w, "null");
    w = put(w, ",\n        \"is_file\": ");
    w = spec.isFile ? put(w, "true") : put(w, "false");
    w = put(w, ",\n        \"name\": ");
    w = writeString(w, spec.name);
    w = put(w, ",\n        \"path\": ");
    w = writeString(w, path);
    w = put(w, ",\n        \"size\": ");
    w = writeNumber(w, double(spec.size));
    w = put(w, ",\n        \"updated_time\": ");
    w = spec.updated.isValid() ? writeNumber(w, spec.updated.toMSecsSinceEpoch() / 1000.0)
                               : put(w, "null");
    w = put(w, "\n    }");
    out.truncate(w - out.constData());
}
