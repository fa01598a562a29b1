#include "emulator/routes/FileSpecJson.h"

#include "emulator/server/ApiSurface.h"

#include <QDateTime>
#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <cstdio>

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

QByteArray timeJson(const ApiSurface &surface, const struct statx_timestamp &t)
{
    if (surface.isV1())
        return FileSpecJson::string(FileSpecJson::isoTime(milliseconds(t)));
    return FileSpecJson::number(seconds(t));
}

} // namespace

QByteArray FileSpecJson::string(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 2);
    out.append('"');
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                char escaped[8];
                std::snprintf(escaped, sizeof escaped, "\\u%04x",
                              unsigned(static_cast<unsigned char>(c)));
                out.append(escaped);
            } else {
                out.append(c);
            }
        }
    }
    out.append('"');
    return out;
}

QByteArray FileSpecJson::number(double value)
{
    if (!std::isfinite(value))
        return QByteArrayLiteral("0.0");
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    QByteArray out(buffer, int(result.ptr - buffer));
    if (!out.contains('.') && !out.contains('e'))
        out.append(".0");
    return out;
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
    const bool isFile = S_ISREG(st.stx_mode);
    // Not every filesystem records a birth time; the change time is the closest stand-in.
    const struct statx_timestamp &created
        = (st.stx_mask & STATX_BTIME) ? st.stx_btime : st.stx_ctime;
    const QString name = apiPath == QLatin1String("/data") ? QStringLiteral("data")
                                                           : apiPath.section(QLatin1Char('/'), -1);

    QByteArray json;
    json.reserve(256);
    json += "{\"path\": " + string(apiPath);
    json += ", \"name\": " + string(name);
    json += ", \"created_time\": " + timeJson(surface, created);
    json += ", \"updated_time\": " + timeJson(surface, st.stx_mtime);
    json += isFile ? ", \"is_file\": true" : ", \"is_file\": false";
    json += ", \"size\": " + QByteArray::number(isFile ? qint64(st.stx_size) : 0);
    if (checksums && isFile) {
        json += ", \"checksum_sha256\": " + string(QString::fromLatin1(checksums->sha256));
        json += ", \"checksum_md5\": " + string(QString::fromLatin1(checksums->md5));
    }
    json += '}';
    *out = json;
    return true;
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
