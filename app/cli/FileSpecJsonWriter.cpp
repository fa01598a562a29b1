#include "app/cli/FileSpecJsonWriter.h"

#include <QCborValue>
#include <QJsonValue>
#include <QLocale>

#include <cmath>

namespace {

char hexDigit(unsigned value)
{
    return "0123456789abcdef"[value & 0xf];
}

} // namespace

void FileSpecJsonWriter::appendString(QByteArray &out, const QString &text)
{
    // As Qt's JSON writer escapes: quote, backslash and C0 controls; everything else as UTF-8,
    // and a UTF-16 unit that is no character (a lone surrogate) as \uXXXX. Written through a
    // pointer into room made once (6 bytes per unit at most): appending byte by byte was most
    // of the cost of `ls --json`.
    const qsizetype start = out.size();
    out.resize(start + 2 + text.size() * 6);
    char *w = out.data() + start;
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
    out.truncate(w - out.constData());
}

void FileSpecJsonWriter::appendNumber(QByteArray &out, double number)
{
    // QJsonValue(double) keeps some doubles as integers and Qt writes the two kinds differently;
    // asking the same QCborValue keeps the choice Qt's.
    const QCborValue value = QCborValue::fromJsonValue(QJsonValue(number));
    if (value.isInteger())
        out += QByteArray::number(value.toInteger());
    else if (std::isfinite(number))
        out += QByteArray::number(number, 'g', QLocale::FloatingPointShortest);
    else
        out += "null";
}

void FileSpecJsonWriter::appendEntry(QByteArray &out, const FileSpec &spec)
{
    // QJsonObject sorts its keys; these are in that order.
    out += "    {\n";
    if (!spec.checksumMd5.isEmpty()) {
        out += "        \"checksum_md5\": ";
        appendString(out, spec.checksumMd5);
        out += ",\n";
    }
    if (!spec.checksumSha256.isEmpty()) {
        out += "        \"checksum_sha256\": ";
        appendString(out, spec.checksumSha256);
        out += ",\n";
    }
    out += "        \"created_time\": ";
    if (spec.created.isValid())
        appendNumber(out, spec.created.toMSecsSinceEpoch() / 1000.0);
    else
        out += "null";
    out += ",\n        \"is_file\": ";
    out += spec.isFile ? "true" : "false";
    out += ",\n        \"name\": ";
    appendString(out, spec.name);
    out += ",\n        \"path\": ";
    appendString(out, spec.path.absolute());
    out += ",\n        \"size\": ";
    appendNumber(out, double(spec.size));
    out += ",\n        \"updated_time\": ";
    if (spec.updated.isValid())
        appendNumber(out, spec.updated.toMSecsSinceEpoch() / 1000.0);
    else
        out += "null";
    out += "\n    }";
}
