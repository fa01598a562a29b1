#include "network/io/ZipWriter.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>
#include <memory>

namespace {

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_write_free)>;
using EntryPtr = std::unique_ptr<archive_entry, decltype(&archive_entry_free)>;

ArchivePtr newZipWriter()
{
    ArchivePtr writer(archive_write_new(), &archive_write_free);
    archive_write_set_format_zip(writer.get());
    archive_write_set_options(writer.get(), "zip:compression=store");
    return writer;
}

bool writeDirEntry(archive *writer, const QString &relativeDir, QString *error)
{
    EntryPtr entry(archive_entry_new(), &archive_entry_free);
    QString name = relativeDir;
    if (!name.endsWith(QLatin1Char('/')))
        name += QLatin1Char('/');
    archive_entry_set_pathname_utf8(entry.get(), name.toUtf8().constData());
    archive_entry_set_filetype(entry.get(), AE_IFDIR);
    archive_entry_set_perm(entry.get(), 0755);
    archive_entry_set_mtime(entry.get(), QDateTime::currentSecsSinceEpoch(), 0);
    if (archive_write_header(writer, entry.get()) != ARCHIVE_OK) {
        if (error)
            *error = QString::fromUtf8(archive_error_string(writer));
        return false;
    }
    return true;
}

} // namespace

QByteArray ZipWriter::directories(const QStringList &relativeDirs, QString *error)
{
    ArchivePtr writer = newZipWriter();
    // A ZIP of a few directory entries is well under this; libarchive needs a fixed buffer.
    QByteArray buffer(64 * 1024 + relativeDirs.size() * 1024, Qt::Uninitialized);
    size_t used = 0;
    if (archive_write_open_memory(writer.get(), buffer.data(), size_t(buffer.size()), &used)
        != ARCHIVE_OK) {
        if (error)
            *error = QString::fromUtf8(archive_error_string(writer.get()));
        return {};
    }
    for (const QString &dir : relativeDirs) {
        if (!writeDirEntry(writer.get(), dir, error))
            return {};
    }
    if (archive_write_close(writer.get()) != ARCHIVE_OK) {
        if (error)
            *error = QString::fromUtf8(archive_error_string(writer.get()));
        return {};
    }
    buffer.truncate(qsizetype(used));
    return buffer;
}

bool ZipWriter::packFiles(const QList<FileEntry> &files, const QStringList &emptyDirs,
                          const QString &zipPath, QString *error)
{
    ArchivePtr writer = newZipWriter();
    if (archive_write_open_filename(writer.get(), QFile::encodeName(zipPath).constData())
        != ARCHIVE_OK) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2")
                         .arg(zipPath, QString::fromUtf8(archive_error_string(writer.get())));
        return false;
    }
    for (const QString &dir : emptyDirs) {
        if (!writeDirEntry(writer.get(), dir, error))
            return false;
    }
    QByteArray block(1024 * 1024, Qt::Uninitialized);
    for (const FileEntry &file : files) {
        QFile input(file.localPath);
        if (!input.open(QIODevice::ReadOnly)) {
            if (error)
                *error
                    = QStringLiteral("Cannot read %1: %2").arg(file.localPath, input.errorString());
            return false;
        }
        const QFileInfo info(input);
        EntryPtr entry(archive_entry_new(), &archive_entry_free);
        archive_entry_set_pathname_utf8(entry.get(), file.archivePath.toUtf8().constData());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), input.size());
        archive_entry_set_mtime(entry.get(), info.lastModified().toSecsSinceEpoch(), 0);
        if (archive_write_header(writer.get(), entry.get()) != ARCHIVE_OK) {
            if (error)
                *error = QString::fromUtf8(archive_error_string(writer.get()));
            return false;
        }
        qint64 written = 0;
        for (;;) {
            const qint64 n = input.read(block.data(), block.size());
            if (n < 0) {
                if (error)
                    *error = QStringLiteral("Cannot read %1: %2")
                                 .arg(file.localPath, input.errorString());
                return false;
            }
            if (n == 0)
                break;
            if (archive_write_data(writer.get(), block.constData(), size_t(n)) != n) {
                if (error)
                    *error
                        = QStringLiteral("Cannot write %1: %2")
                              .arg(zipPath, QString::fromUtf8(archive_error_string(writer.get())));
                return false;
            }
            written += n;
        }
        if (written != info.size()) {
            if (error)
                *error = QStringLiteral("%1 changed while it was being packed").arg(file.localPath);
            return false;
        }
    }
    if (archive_write_close(writer.get()) != ARCHIVE_OK) {
        if (error)
            *error = QStringLiteral("Cannot write %1: %2")
                         .arg(zipPath, QString::fromUtf8(archive_error_string(writer.get())));
        return false;
    }
    return true;
}
