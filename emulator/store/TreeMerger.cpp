#include "emulator/store/TreeMerger.h"

#include "emulator/store/StagingArea.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fal::emulator {

namespace {

enum class Kind { Missing, File, Directory, Other };

Kind kindOf(const QString &path)
{
    struct stat st
    {
    };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return Kind::Missing;
    if (S_ISDIR(st.st_mode))
        return Kind::Directory;
    if (S_ISREG(st.st_mode))
        return Kind::File;
    return Kind::Other; // symlinks and the rest: replaced, never followed
}

bool renamePath(const QString &from, const QString &to, QString *error)
{
    if (std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0)
        return true;
    if (error)
        *error = QStringLiteral("cannot move into place: %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
    return false;
}

} // namespace

bool TreeMerger::ensureDirectory(const QString &path, QString *error)
{
    if (kindOf(path) == Kind::Directory || QFileInfo(path).isDir())
        return true;
    // Find the first component that exists but is not a directory, to say what is in the way.
    QString prefix;
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        prefix += QLatin1Char('/') + segment;
        const QFileInfo info(prefix);
        if (info.exists() && !info.isDir()) {
            if (error)
                *error = QStringLiteral("Not a directory: %1").arg(info.fileName());
            return false;
        }
    }
    if (QDir().mkpath(path))
        return true;
    if (error)
        *error = QStringLiteral("cannot create directory %1").arg(QFileInfo(path).fileName());
    return false;
}

bool TreeMerger::moveFileIntoPlace(const QString &from, const QString &to, QString *error)
{
    if (kindOf(to) == Kind::Directory) {
        if (error)
            *error = QStringLiteral("Is a directory: %1").arg(QFileInfo(to).fileName());
        return false;
    }
    return renamePath(from, to, error);
}

bool TreeMerger::merge(const QString &source, const QString &destination,
                       const StagingArea &staging, QString *error)
{
    if (!ensureDirectory(destination, error))
        return false;
    const QStringList names = QDir(source).entryList(QDir::AllEntries | QDir::Hidden | QDir::System
                                                     | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        const QString from = source + QLatin1Char('/') + name;
        const QString to = destination + QLatin1Char('/') + name;
        const Kind fromKind = kindOf(from);
        const Kind toKind = kindOf(to);
        if (fromKind == Kind::Directory && toKind == Kind::Directory) {
            if (!merge(from, to, staging, error))
                return false;
            continue;
        }
        // rename() replaces a file with a file atomically; anything else must go first.
        if (toKind != Kind::Missing && !(fromKind == Kind::File && toKind == Kind::File)) {
            if (!staging.discard(to, error))
                return false;
        }
        if (!renamePath(from, to, error))
            return false;
    }
    return true;
}

} // namespace fal::emulator
