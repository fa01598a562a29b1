#include "network/text/VisibleText.h"

#include <algorithm>

namespace {

const char kHex[] = "0123456789abcdef";

} // namespace

bool VisibleText::hasControls(const QString &text)
{
    for (const QChar c : text) {
        if (isControl(c.unicode()))
            return true;
    }
    return false;
}

QString VisibleText::escaped(const QString &text)
{
    if (!hasControls(text))
        return text; // the common case: no copy
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (!isControl(u)) {
            out.append(c);
        } else if (u < 0x80) {
            out.append(QLatin1String("\\x"));
            out.append(QLatin1Char(kHex[u >> 4]));
            out.append(QLatin1Char(kHex[u & 0xf]));
        } else {
            out.append(QLatin1String("\\u00"));
            out.append(QLatin1Char(kHex[u >> 4]));
            out.append(QLatin1Char(kHex[u & 0xf]));
        }
    }
    return out;
}

QByteArray VisibleText::escapedJson(const QByteArray &json)
{
    // In UTF-8, U+0080..U+009F are 0xC2 0x80..0x9F, and 0xC2 is never a continuation byte, so the
    // pair can be matched byte by byte. Outside strings JSON is plain ASCII: DEL and C1 can only be
    // inside a string, where a \u escape means the same character.
    // Almost always there is nothing to escape: then the answer is the input, shared, not a copy
    // made byte by byte (a listing of 100,000 entries is 25 MB of JSON).
    const char *const begin = json.constData();
    const char *const end = begin + json.size();
    const char *first = std::find_if(begin, end, [](char c) {
        return static_cast<unsigned char>(c) == 0x7f || static_cast<unsigned char>(c) == 0xc2;
    });
    if (first == end)
        return json;
    QByteArray out;
    out.reserve(json.size() + 16);
    out.append(begin, first - begin);
    for (qsizetype i = first - begin; i < json.size(); ++i) {
        const auto byte = static_cast<unsigned char>(json.at(i));
        unsigned code = 0x100; // none
        if (byte == 0x7f) {
            code = byte;
        } else if (byte == 0xc2 && i + 1 < json.size()) {
            const auto next = static_cast<unsigned char>(json.at(i + 1));
            if (next >= 0x80 && next <= 0x9f) {
                code = next;
                ++i;
            }
        }
        if (code == 0x100) {
            out.append(char(byte));
            continue;
        }
        out.append("\\u00");
        out.append(kHex[code >> 4]);
        out.append(kHex[code & 0xf]);
    }
    return out;
}
