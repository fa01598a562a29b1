#include "LocalScanner.h"

#include "RemotePath.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <atomic>

namespace {

LocalScanner::Entry entryFor(const QFileInfo &info, const QString &relativePath)
{
    LocalScanner::Entry entry;
    entry.localPath = info.absoluteFilePath();
    entry.relativePath = relativePath;
    entry.isDir = info.isDir();
    entry.size = info.isDir() ? 0 : info.size();
    entry.modified = info.lastModified().toUTC();
    QString why;
    for (const QString &segment : relativePath.split(QLatin1Char('/'))) {
        if (!RemotePath::isValidName(segment, &why)) {
            entry.problem = QStringLiteral("'%1' cannot be stored on fal: %2").arg(segment, why);
            break;
        }
    }
    if (entry.problem.isEmpty() && !info.isReadable())
        entry.problem = QStringLiteral("Cannot read %1: permission denied").arg(entry.localPath);
    return entry;
}

void scanFolder(const QFileInfo &folder, const QString &relative, LocalScanner::Result &result,
                const std::atomic_bool *cancel)
{
    if (!folder.isReadable() || !folder.isExecutable()) {
        LocalScanner::Entry entry = entryFor(folder, relative);
        entry.problem = QStringLiteral("Cannot open the folder %1: permission denied")
                            .arg(folder.absoluteFilePath());
        result.entries.append(entry);
        return;
    }
    const QDir dir(folder.absoluteFilePath());
    const QFileInfoList children = dir.entryInfoList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    if (children.isEmpty()) {
        result.entries.append(entryFor(folder, relative)); // an empty folder is kept as a folder
        return;
    }
    for (const QFileInfo &child : children) {
        if (cancel && cancel->load())
            return;
        const QString childRelative = relative + QLatin1Char('/') + child.fileName();
        if (child.isSymLink() && child.isDir()) {
            result.notes
                << QStringLiteral(
                       "Skipped %1: it is a link to a folder (links to folders are not followed)")
                       .arg(child.absoluteFilePath());
        } else if (child.isDir()) {
            scanFolder(child, childRelative, result, cancel);
        } else if (child.isFile()) {
            LocalScanner::Entry entry = entryFor(child, childRelative);
            result.totalBytes += entry.size;
            result.entries.append(entry);
        } else if (child.isSymLink()) {
            result.notes << QStringLiteral("Skipped %1: the link points nowhere")
                                .arg(child.absoluteFilePath());
        } else {
            result.notes << QStringLiteral(
                                "Skipped %1: not a regular file (a device, socket or pipe)")
                                .arg(child.absoluteFilePath());
        }
    }
}

} // namespace

LocalScanner::Result LocalScanner::scan(const QStringList &localPaths,
                                        const std::atomic_bool *cancel)
{
    Result result;
    for (const QString &path : localPaths) {
        const QFileInfo info(path);
        const QString name = info.fileName();
        if (!info.exists()) {
            Entry entry;
            entry.localPath = path;
            entry.relativePath = name;
            entry.problem = QStringLiteral("%1 does not exist").arg(path);
            result.entries.append(entry);
        } else if (info.isDir()) {
            scanFolder(info, name, result, cancel);
        } else {
            Entry entry = entryFor(info, name);
            result.totalBytes += entry.size;
            result.entries.append(entry);
        }
    }
    return result;
}
