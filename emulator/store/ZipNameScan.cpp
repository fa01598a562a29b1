#include "emulator/store/ZipNameScan.h"

#include <QFile>

#include <cstring>

namespace fal::emulator {

namespace {

constexpr qint64 kEocdSize = 22;
constexpr qint64 kEocdSearch = 16 * 1024; // what libarchive's seekable bidder searches
constexpr qint64 kCentralHeaderSize = 46;
constexpr qint64 kLocalHeaderSize = 30;

quint16 le16(const uchar *p)
{
    return quint16(p[0] | (p[1] << 8));
}
quint32 le32(const uchar *p)
{
    return quint32(p[0]) | (quint32(p[1]) << 8) | (quint32(p[2]) << 16) | (quint32(p[3]) << 24);
}
quint64 le64(const uchar *p)
{
    return quint64(le32(p)) | (quint64(le32(p + 4)) << 32);
}

// Bounds-checked view of the archive: every read goes through has().
class Bytes
{
public:
    Bytes(const uchar *data, qint64 size) : m_data(data), m_size(size) { }

    qint64 size() const { return m_size; }
    bool has(qint64 offset, qint64 length) const
    {
        return offset >= 0 && length >= 0 && offset <= m_size && length <= m_size - offset;
    }
    const uchar *at(qint64 offset) const { return m_data + offset; }
    bool isSignature(qint64 offset, const char *signature) const
    {
        return has(offset, 4) && std::memcmp(at(offset), signature, 4) == 0;
    }

private:
    const uchar *m_data;
    qint64 m_size;
};

QString describe(const uchar *name, qint64 length)
{
    QString shown = QString::fromUtf8(reinterpret_cast<const char *>(name), length);
    shown.replace(QChar(0), QStringLiteral("\\0"));
    if (shown.size() > 200)
        shown = shown.left(200) + QStringLiteral("...");
    return QStringLiteral("Unsafe ZIP entry '") + shown
        + QStringLiteral("': its name contains a NUL byte");
}

bool hasNul(const uchar *p, qint64 length)
{
    return length > 0 && std::memchr(p, 0, size_t(length)) != nullptr;
}

struct Extra
{
    bool badUnicodePath = false;
    qint64 zip64LocalOffset = -1;
};

// Walks extra fields: Unicode path names (0x7075) and, in the central directory, the ZIP64
// local header offset (0x0001), present when the 32-bit field holds 0xffffffff.
Extra readExtra(const uchar *p, qint64 length, bool central, const uchar *header)
{
    Extra extra;
    qint64 offset = 0;
    while (offset + 4 <= length) {
        const quint16 id = le16(p + offset);
        const qint64 dataSize = le16(p + offset + 2);
        const uchar *data = p + offset + 4;
        if (offset + 4 + dataSize > length)
            break;
        if (id == 0x7075 && dataSize >= 5 && hasNul(data + 5, dataSize - 5))
            extra.badUnicodePath = true;
        if (id == 0x0001 && central) {
            qint64 at = 0;
            for (const int field : {24, 20}) { // uncompressed, compressed size come first
                if (le32(header + field) == 0xffffffffu)
                    at += 8;
            }
            if (le32(header + 42) == 0xffffffffu && at + 8 <= dataSize)
                extra.zip64LocalOffset = qint64(le64(data + at) & 0x7fffffffffffffffull);
        }
        offset += 4 + dataSize;
    }
    return extra;
}

// The local header at `offset`, if there is one: false when a name in it holds a NUL.
bool localHeaderIsClean(const Bytes &bytes, qint64 offset, QString *error)
{
    if (!bytes.isSignature(offset, "PK\3\4") || !bytes.has(offset, kLocalHeaderSize))
        return true;
    const qint64 nameLength = le16(bytes.at(offset + 26));
    const qint64 extraLength = le16(bytes.at(offset + 28));
    const qint64 name = offset + kLocalHeaderSize;
    if (!bytes.has(name, nameLength))
        return true;
    if (hasNul(bytes.at(name), nameLength)) {
        *error = describe(bytes.at(name), nameLength);
        return false;
    }
    if (bytes.has(name + nameLength, extraLength)
        && readExtra(bytes.at(name + nameLength), extraLength, false, nullptr).badUnicodePath) {
        *error = describe(bytes.at(name), nameLength);
        return false;
    }
    return true;
}

// Where libarchive's bidder finds the central directory: its recorded offset and where the
// search for its first header starts. False if libarchive would not open the archive.
bool locateCentralDirectory(const Bytes &bytes, qint64 *recorded, qint64 *searchFrom)
{
    const qint64 tail = qMin(kEocdSearch, bytes.size());
    const qint64 base = bytes.size() - tail;
    qint64 eocd = -1;
    for (qint64 i = tail - kEocdSize; i > 0; --i) { // the last record wins; never at i == 0
        if (bytes.isSignature(base + i, "PK\5\6")) {
            eocd = base + i;
            break;
        }
    }
    if (eocd < 0 || !bytes.has(eocd, kEocdSize))
        return false;
    bool found = false;
    const uchar *e = bytes.at(eocd);
    const quint32 cdSize = le32(e + 12);
    const quint32 cdOffset = le32(e + 16);
    // libarchive adds the two as 32-bit numbers; wrap the same way.
    if (le16(e + 4) == 0 && le16(e + 6) == 0 && le16(e + 10) == le16(e + 8)
        && qint64(quint32(cdOffset + cdSize)) <= eocd) {
        *recorded = cdOffset;
        *searchFrom = eocd - cdSize;
        found = true;
    }
    const qint64 locator = eocd - 20;
    if (eocd - base >= 20 && bytes.isSignature(locator, "PK\6\7") && bytes.has(locator, 20)
        && le32(bytes.at(locator + 4)) == 0 && le32(bytes.at(locator + 16)) == 1) {
        const quint64 at64 = le64(bytes.at(locator + 8));
        const qint64 at = qint64(at64 & 0x7fffffffffffffffull);
        if (at64 == quint64(at) && bytes.has(at, 56)) {
            const quint64 length = le64(bytes.at(at + 4)) + 12;
            const uchar *r = bytes.at(at);
            if (length >= 56 && length <= 16384 && bytes.has(at, qint64(length))
                && le32(r + 16) == 0 && le32(r + 20) == 0 && le64(r + 24) == le64(r + 32)) {
                *recorded = qint64(le64(r + 48) & 0x7fffffffffffffffull);
                *searchFrom = *recorded;
                found = true;
            }
        }
    }
    return found;
}

} // namespace

ZipNameScan::Result ZipNameScan::scan(const uchar *data, qint64 size)
{
    Result result;
    const Bytes bytes(data, size);
    qint64 recorded = 0;
    qint64 searchFrom = 0;
    if (!locateCentralDirectory(bytes, &recorded, &searchFrom) || !bytes.has(searchFrom, 0))
        return result;
    // libarchive searches forward for the first header; the distance corrects every offset.
    qint64 pos = -1;
    for (qint64 i = searchFrom; bytes.has(i, 4); ++i) {
        if (bytes.isSignature(i, "PK\1\2") || bytes.isSignature(i, "PK\5\6")
            || bytes.isSignature(i, "PK\6\6")) {
            pos = i;
            break;
        }
    }
    if (pos < 0)
        return result;
    const qint64 correction = pos - recorded;
    while (bytes.isSignature(pos, "PK\1\2") && bytes.has(pos, kCentralHeaderSize)) {
        const uchar *h = bytes.at(pos);
        const qint64 nameLength = le16(h + 28);
        const qint64 extraLength = le16(h + 30);
        const qint64 commentLength = le16(h + 32);
        const qint64 name = pos + kCentralHeaderSize;
        if (!bytes.has(name, nameLength + extraLength))
            break;
        const Extra extra = readExtra(bytes.at(name + nameLength), extraLength, true, h);
        if (hasNul(bytes.at(name), nameLength) || extra.badUnicodePath) {
            result.ok = false;
            result.error = describe(bytes.at(name), nameLength);
            return result;
        }
        const qint64 local = le32(h + 42);
        for (const qint64 offset : {local + correction, local, extra.zip64LocalOffset}) {
            if (offset >= 0 && !localHeaderIsClean(bytes, offset, &result.error)) {
                result.ok = false;
                return result;
            }
        }
        pos = name + nameLength + extraLength + commentLength;
    }
    return result;
}

ZipNameScan::Result ZipNameScan::scanFile(const QString &zipPath)
{
    Result result;
    QFile file(zipPath);
    if (!file.open(QIODevice::ReadOnly)) {
        result.ok = false;
        result.readable = false;
        result.error = QStringLiteral("cannot read the ZIP: %1").arg(file.errorString());
        return result;
    }
    const qint64 size = file.size();
    if (size < kEocdSize)
        return result; // too short to be a ZIP: libarchive says so
    // Mapped: only the tail, the central directory and the local headers are touched.
    const uchar *data = file.map(0, size);
    if (!data) {
        result.ok = false;
        result.readable = false;
        result.error = QStringLiteral("cannot read the ZIP: %1").arg(file.errorString());
        return result;
    }
    result = scan(data, size);
    file.unmap(const_cast<uchar *>(data));
    return result;
}

} // namespace fal::emulator
