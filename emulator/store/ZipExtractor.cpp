#include "emulator/store/ZipExtractor.h"

#include "emulator/store/StoreLog.h"
#include "emulator/store/ZipNameScan.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

namespace fal::emulator {

namespace {

struct ArchiveCloser
{
    void operator()(archive *a) const { archive_read_free(a); }
};

bool writeAll(int fd, const char *data, size_t length)
{
    while (length > 0) {
        const ssize_t n = ::write(fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        length -= size_t(n);
    }
    return true;
}

QByteArray entryName(archive_entry *entry)
{
    if (const char *utf8 = archive_entry_pathname_utf8(entry))
        return QByteArray(utf8);
    if (const char *raw = archive_entry_pathname(entry))
        return QByteArray(raw);
    return {};
}

} // namespace

ZipExtractor::ZipExtractor(const ZipLimits &limits) : m_limits(limits) { }

bool ZipExtractor::safeSegments(const QByteArray &rawName, QStringList *segments, QString *why)
{
    auto fail = [why](const QString &message) {
        if (why)
            *why = message;
        return false;
    };
    if (rawName.contains('\0'))
        return fail(QStringLiteral("contains a NUL byte"));
    QString name = QString::fromUtf8(rawName);
    name.replace(QLatin1Char('\\'), QLatin1Char('/'));
    if (name.startsWith(QLatin1Char('/')))
        return fail(QStringLiteral("is an absolute path"));
    if (name.size() >= 2 && name.at(1) == QLatin1Char(':') && name.at(0).isLetter())
        return fail(QStringLiteral("starts with a drive letter"));
    segments->clear();
    for (const QString &segment : name.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (segment == QLatin1String("."))
            continue;
        if (segment == QLatin1String(".."))
            return fail(QStringLiteral("contains '..'"));
        segments->append(segment);
    }
    return true;
}

ZipExtractor::Result ZipExtractor::extract(const QString &zipPath,
                                           const QString &destinationDir) const
{
    Result result;
    auto fail = [&result](int status, const QString &message) {
        result.ok = false;
        result.httpStatus = status;
        result.error = message;
        return result;
    };

    // libarchive cuts names at a NUL; the raw headers are read first so none is cut unseen.
    const ZipNameScan::Result names = ZipNameScan::scanFile(zipPath);
    if (!names.ok)
        return fail(names.readable ? 400 : 500, names.error);

    const qint64 archiveSize = QFileInfo(zipPath).size();
    std::unique_ptr<archive, ArchiveCloser> reader(archive_read_new());
    archive_read_support_format_zip_seekable(reader.get());
    if (archive_read_open_filename(reader.get(), QFile::encodeName(zipPath).constData(), 256 * 1024)
        != ARCHIVE_OK)
        return fail(400,
                    QStringLiteral("Not a valid ZIP archive: %1")
                        .arg(QString::fromLocal8Bit(archive_error_string(reader.get()))));

    // First pass: refuse hostile names before a single byte lands on disk.
    qint64 entries = 0;
    archive_entry *entry = nullptr;
    int rc = ARCHIVE_OK;
    while ((rc = archive_read_next_header(reader.get(), &entry)) == ARCHIVE_OK) {
        if (++entries > m_limits.maxEntries)
            return fail(413,
                        QStringLiteral("ZIP has more than %1 entries").arg(m_limits.maxEntries));
        QStringList segments;
        QString why;
        const QByteArray name = entryName(entry);
        if (!safeSegments(name, &segments, &why))
            return fail(
                400, QStringLiteral("Unsafe ZIP entry '%1': %2").arg(QString::fromUtf8(name), why));
        if (archive_entry_size_is_set(entry) && archive_entry_size(entry) > m_limits.maxTotalBytes)
            return fail(413,
                        QStringLiteral("ZIP entry '%1' is larger than the limit")
                            .arg(QString::fromUtf8(name)));
        if (archive_entry_is_encrypted(entry))
            return fail(400, QStringLiteral("Encrypted ZIP entries are not supported"));
    }
    if (rc != ARCHIVE_EOF)
        return fail(400,
                    QStringLiteral("Broken ZIP archive: %1")
                        .arg(QString::fromLocal8Bit(archive_error_string(reader.get()))));

    // Second pass: extract.
    reader.reset(archive_read_new());
    archive_read_support_format_zip_seekable(reader.get());
    if (archive_read_open_filename(reader.get(), QFile::encodeName(zipPath).constData(), 256 * 1024)
        != ARCHIVE_OK)
        return fail(400, QStringLiteral("Not a valid ZIP archive"));

    std::vector<char> buffer(256 * 1024);
    while ((rc = archive_read_next_header(reader.get(), &entry)) == ARCHIVE_OK) {
        const QByteArray name = entryName(entry);
        QStringList segments;
        safeSegments(name, &segments, nullptr);
        const QString relative = segments.join(QLatin1Char('/'));
        const QString target
            = destinationDir + (relative.isEmpty() ? QString() : QLatin1Char('/') + relative);
        const mode_t type = archive_entry_filetype(entry);

        if (archive_entry_symlink(entry) || type == AE_IFLNK) {
            result.skipped.append(
                QStringLiteral("%1 (symbolic link)").arg(QString::fromUtf8(name)));
            continue;
        }
        if (archive_entry_hardlink(entry)) {
            result.skipped.append(QStringLiteral("%1 (hard link)").arg(QString::fromUtf8(name)));
            continue;
        }
        if (type == AE_IFDIR) {
            if (!QDir().mkpath(target))
                return fail(
                    400, QStringLiteral("Cannot create directory '%1' from the ZIP").arg(relative));
            ++result.directories;
            continue;
        }
        if (type != AE_IFREG && type != 0) {
            result.skipped.append(QStringLiteral("%1 (special file)").arg(QString::fromUtf8(name)));
            continue;
        }
        if (relative.isEmpty())
            return fail(400, QStringLiteral("ZIP file entry without a name"));
        if (!QDir().mkpath(QFileInfo(target).path()))
            return fail(
                400, QStringLiteral("Cannot create the parent of '%1' from the ZIP").arg(relative));

        // The staging tree only ever holds what this loop made: no links to follow. O_NOFOLLOW
        // still guards against a name that came twice as different kinds.
        const int fd = ::open(QFile::encodeName(target).constData(),
                              O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0)
            return fail(400,
                        QStringLiteral("Cannot write '%1' from the ZIP: %2")
                            .arg(relative, QString::fromLocal8Bit(std::strerror(errno))));
        for (;;) {
            const la_ssize_t n = archive_read_data(reader.get(), buffer.data(), buffer.size());
            if (n == 0)
                break;
            if (n < 0) {
                ::close(fd);
                return fail(
                    400,
                    QStringLiteral("Broken ZIP entry '%1': %2")
                        .arg(relative, QString::fromLocal8Bit(archive_error_string(reader.get()))));
            }
            result.bytes += n;
            if (result.bytes > m_limits.maxTotalBytes) {
                ::close(fd);
                return fail(
                    413, QStringLiteral("ZIP expands beyond %1 bytes").arg(m_limits.maxTotalBytes));
            }
            if (result.bytes > m_limits.ratioGraceBytes
                && double(result.bytes)
                    > m_limits.maxRatio * double(qMax<qint64>(archiveSize, 1))) {
                ::close(fd);
                return fail(413,
                            QStringLiteral("ZIP expands more than %1 times its size")
                                .arg(m_limits.maxRatio));
            }
            if (!writeAll(fd, buffer.data(), size_t(n))) {
                const QString reason = QString::fromLocal8Bit(std::strerror(errno));
                ::close(fd);
                return fail(500, QStringLiteral("Cannot write '%1': %2").arg(relative, reason));
            }
        }
        if (archive_entry_mtime_is_set(entry)) {
            const struct timespec times[2]
                = {{archive_entry_mtime(entry), 0}, {archive_entry_mtime(entry), 0}};
            ::futimens(fd, times);
        }
        ::close(fd);
        ++result.files;
    }
    if (rc != ARCHIVE_EOF)
        return fail(400,
                    QStringLiteral("Broken ZIP archive: %1")
                        .arg(QString::fromLocal8Bit(archive_error_string(reader.get()))));
    for (const QString &skipped : std::as_const(result.skipped))
        qCWarning(lcStore) << "unzip: skipped" << skipped;
    result.ok = true;
    return result;
}

} // namespace fal::emulator
