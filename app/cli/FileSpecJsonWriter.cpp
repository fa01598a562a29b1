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
    // and a UTF-16 unit that is no character (a lone surrogate) as \uXXXX.
    out += '"';
    const char16_t *src = reinterpret_cast<const char16_t *>(text.constData());
    const char16_t *const end = src + text.size();
    while (src != end) {
        const char16_t u = *src++;
        if (u < 0x80) {
            switch (u) {
            case 0x22:
                out += "\\\"";
                break;
            case 0x5c:
                out += "\\\\";
                break;
            case 0x8:
                out += "\\b";
                break;
            case 0xc:
                out += "\\f";
                break;
            case 0xa:
                out += "\\n";
                break;
            case 0xd:
                out += "\\r";
                break;
            case 0x9:
                out += "\\t";
                break;
            default:
                if (u < 0x20) {
                    out += "\\u00";
                    out += hexDigit(u >> 4);
                    out += hexDigit(u);
                } else {
                    out += char(u);
                }
            }
            continue;
        }
        char32_t code = u;
        if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
            code = QChar::surrogateToUcs4(u, *src++);
        } else if (QChar::isSurrogate(u)) {
            out += "\\u";
            out += hexDigit(u >> 12);
            out += hexDigit(u >> 8);
            out += hexDigit(u >> 4);
            out += hexDigit(u);
            continue;
        }
        if (code < 0x800) {
            out += char(0xc0 | (code >> 6));
        } else if (code < 0x10000) {
            out += char(0xe0 | (code >> 12));
            out += char(0x80 | ((code >> 6) & 0x3f));
        } else {
            out += char(0xf0 | (code >> 18));
            out += char(0x80 | ((code >> 12) & 0x3f));
            out += char(0x80 | ((code >> 6) & 0x3f));
        }
        out += char(0x80 | (code & 0x3f));
    }
    out += '"';
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
