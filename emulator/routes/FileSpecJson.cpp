#include "emulator/routes/FileSpecJson.h"

#include "emulator/server/ApiSurface.h"
#include "emulator/store/DirectoryScan.h"

#include <QDateTime>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <cstring>

namespace fal::emulator {

namespace {

double seconds(const struct statx_timestamp &t)
{
    return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// Rounded down (tv_nsec is never negative), so the ISO form names the same millisecond as the
// REST float of the same file: a client comparing the two surfaces finds them equal.
qint64 milliseconds(const struct statx_timestamp &t)
{
    return qint64(t.tv_sec) * 1000 + qint64(t.tv_nsec) / 1000000;
}

// The writers below put bytes at `p` and return the end; the caller has made room. A listing of
// 100,000 entries is some 30 million small appends, and QByteArray::append's checks on each were
// a third of its time.

char *put(char *p, std::string_view bytes)
{
    std::memcpy(p, bytes.data(), bytes.size());
    return p + bytes.size();
}

// At most 6 bytes out per byte in (\u00XX).
char *putEscaped(char *p, std::string_view utf8)
{
    for (const char ch : utf8) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c != '"' && c != '\\') {
            *p++ = ch;
            continue;
        }
        *p++ = '\\';
        switch (c) {
        case '"':
            *p++ = '"';
            break;
        case '\\':
            *p++ = '\\';
            break;
        case '\n':
            *p++ = 'n';
            break;
        case '\r':
            *p++ = 'r';
            break;
        case '\t':
            *p++ = 't';
            break;
        case '\b':
            *p++ = 'b';
            break;
        case '\f':
            *p++ = 'f';
            break;
        default:
            static constexpr char kHex[] = "0123456789abcdef";
            p = put(p, "u00");
            *p++ = kHex[c >> 4];
            *p++ = kHex[c & 15];
        }
    }
    return p;
}

constexpr qsizetype kMaxEscapedPerByte = 6;

char *putDigits(char *p, unsigned value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        p[i] = char('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

// Always with a decimal point or an exponent, as Python prints a float. At most 32 bytes.
char *putNumber(char *p, double value)
{
    if (!std::isfinite(value))
        return put(p, "0.0");
    const auto result = std::to_chars(p, p + 32, value);
    const std::string_view written(p, size_t(result.ptr - p));
    p = result.ptr;
    if (written.find_first_of(".e") == std::string_view::npos)
        p = put(p, ".0");
    return p;
}

// Qt::ISODateWithMs of a UTC time, quoted, without a QDateTime per entry (a listing writes two
// per entry). Years 1970..9999 only; other times go through Qt, which decides their form. At
// most 64 bytes.
char *putIsoTime(char *p, qint64 ms)
{
    constexpr qint64 kDayMs = 86400000;
    constexpr qint64 kYear10000Ms = 253402300800000;
    *p++ = '"';
    if (ms < 0 || ms >= kYear10000Ms) {
        const QByteArray qt = FileSpecJson::isoTime(ms).toUtf8().left(60);
        p = put(p, std::string_view(qt.constData(), size_t(qt.size())));
        *p++ = '"';
        return p;
    }
    // Howard Hinnant's civil_from_days.
    const qint64 z = ms / kDayMs + 719468;
    const qint64 era = z / 146097;
    const unsigned doe = unsigned(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned day = doy - (153 * mp + 2) / 5 + 1;
    const unsigned month = mp < 10 ? mp + 3 : mp - 9;
    const unsigned year = unsigned(yoe + era * 400 + (month <= 2 ? 1 : 0));
    const unsigned inDay = unsigned(ms % kDayMs);
    p = putDigits(p, year, 4);
    *p++ = '-';
    p = putDigits(p, month, 2);
    *p++ = '-';
    p = putDigits(p, day, 2);
    *p++ = 'T';
    p = putDigits(p, inDay / 3600000, 2);
    *p++ = ':';
    p = putDigits(p, inDay / 60000 % 60, 2);
    *p++ = ':';
    p = putDigits(p, inDay / 1000 % 60, 2);
    *p++ = '.';
    p = putDigits(p, inDay % 1000, 3);
    return put(p, "Z\"");
}

char *putTime(const ApiSurface &surface, char *p, const struct statx_timestamp &t)
{
    return surface.isV1() ? putIsoTime(p, milliseconds(t)) : putNumber(p, seconds(t));
}

// Everything after "name": the times, the kind and the size, as every entry carries them.
constexpr qsizetype kMaxStatFields = 256;

char *putStatFields(const ApiSurface &surface, char *p, const DirectoryEntry &entry)
{
    p = put(p, ", \"created_time\": ");
    p = putTime(surface, p, entry.created);
    p = put(p, ", \"updated_time\": ");
    p = putTime(surface, p, entry.updated);
    p = put(p, entry.isFile ? ", \"is_file\": true" : ", \"is_file\": false");
    p = put(p, ", \"size\": ");
    return std::to_chars(p, p + 24, entry.size).ptr;
}

std::string_view view(const QByteArray &bytes)
{
    return std::string_view(bytes.constData(), size_t(bytes.size()));
}

} // namespace

QByteArray FileSpecJson::string(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out(2 + utf8.size() * kMaxEscapedPerByte, Qt::Uninitialized);
    char *p = out.data();
    *p++ = '"';
    p = putEscaped(p, view(utf8));
    *p++ = '"';
    out.truncate(p - out.constData());
    return out;
}

QByteArray FileSpecJson::number(double value)
{
    char buffer[40];
    return QByteArray(buffer, putNumber(buffer, value) - buffer);
}

QString FileSpecJson::isoTime(qint64 msecsSinceEpoch)
{
    // Qt::ISODateWithMs writes a UTC time with a "Z", never "+00:00".
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool FileSpecJson::build(const ApiSurface &surface, const QString &apiPath,
                         const QString &localPath, QByteArray *out, const Checksums *checksums)
{
    struct statx st
    {
    };
    const QByteArray encoded = QFile::encodeName(localPath);
    if (::statx(AT_FDCWD, encoded.constData(), 0, STATX_BASIC_STATS | STATX_BTIME, &st) != 0)
        return false;
    DirectoryEntry entry;
    entry.setStat(st);
    const QString name = apiPath == QLatin1String("/data") ? QStringLiteral("data")
                                                           : apiPath.section(QLatin1Char('/'), -1);

    QByteArray json = "{\"path\": " + string(apiPath) + ", \"name\": " + string(name);
    const qsizetype start = json.size();
    json.resize(start + kMaxStatFields);
    json.truncate(putStatFields(surface, json.data() + start, entry) - json.constData());
    if (checksums && entry.isFile) {
        json += ", \"checksum_sha256\": " + string(QString::fromLatin1(checksums->sha256));
        json += ", \"checksum_md5\": " + string(QString::fromLatin1(checksums->md5));
    }
    json += '}';
    *out = json;
    return true;
}

QByteArray FileSpecJson::listing(const ApiSurface &surface, const QString &folderApiPath,
                                 const DirectoryScan &scan)
{
    // The folder's part of every path, escaped once: escaping works byte by byte, so
    // escape(prefix + name) == escape(prefix) + escape(name).
    const QByteArray folder = string(folderApiPath + QLatin1Char('/')).chopped(1);
    const std::vector<DirectoryEntry> &entries = scan.entries();
    // Room for the worst case (every name byte a control character); only what is written is
    // touched, and the rest is given back by the truncate below.
    const qsizetype perEntry = 32 + folder.size() + kMaxStatFields;
    QByteArray out(2 + qsizetype(entries.size()) * perEntry
                       + 2 * kMaxEscapedPerByte * scan.nameBytes(),
                   Qt::Uninitialized);
    char *p = out.data();
    *p++ = '[';
    for (size_t i = 0; i < entries.size(); ++i) {
        const DirectoryEntry &entry = entries[i];
        const std::string_view name = scan.name(entry);
        if (i)
            p = put(p, ", ");
        p = put(p, "{\"path\": ");
        p = put(p, view(folder));
        p = putEscaped(p, name);
        p = put(p, "\", \"name\": \"");
        p = putEscaped(p, name);
        *p++ = '"';
        p = putStatFields(surface, p, entry);
        *p++ = '}';
    }
    *p++ = ']';
    out.truncate(p - out.constData());
    return out;
}

QByteArray FileSpecJson::array(const QList<QByteArray> &specs)
{
    QByteArray out = "[";
    for (qsizetype i = 0; i < specs.size(); ++i) {
        if (i)
            out += ", ";
        out += specs.at(i);
    }
    out += ']';
    return out;
}

} // namespace fal::emulator
