#include "emulator/store/RegularFile.h"

#include <QFile>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace fal::emulator {

namespace {

// False (with `result` filled in) unless `mode` is a regular file.
bool isRegular(mode_t mode, RegularFile::Result *result)
{
    if (S_ISREG(mode))
        return true;
    result->status
        = S_ISDIR(mode) ? RegularFile::Status::Directory : RegularFile::Status::NotRegular;
    result->kind = RegularFile::kindName(mode);
    return false;
}

} // namespace

QString RegularFile::kindName(mode_t mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG:
        return QStringLiteral("file");
    case S_IFDIR:
        return QStringLiteral("directory");
    case S_IFLNK:
        return QStringLiteral("symbolic link");
    case S_IFIFO:
        return QStringLiteral("FIFO");
    case S_IFSOCK:
        return QStringLiteral("socket");
    case S_IFCHR:
        return QStringLiteral("character device");
    case S_IFBLK:
        return QStringLiteral("block device");
    default:
        return QStringLiteral("special file");
    }
}

RegularFile::Result RegularFile::open(const QString &path, bool followLinks)
{
    Result result;
    const QByteArray name = QFile::encodeName(path);
    struct stat st
    {
    };
    if ((followLinks ? ::stat(name.constData(), &st) : ::lstat(name.constData(), &st)) != 0)
        return result; // Missing
    if (!isRegular(st.st_mode, &result))
        return result;

    const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (followLinks ? 0 : O_NOFOLLOW);
    const int fd = ::open(name.constData(), flags);
    if (fd < 0) {
        if (errno == ENOENT) {
            result.status = Status::Missing;
        } else if (errno == ELOOP && !followLinks) { // became a link after the lstat
            result.status = Status::NotRegular;
            result.kind = kindName(S_IFLNK);
        } else {
            result.status = Status::Unreadable;
            result.error = errno;
        }
        return result;
    }
    if (::fstat(fd, &st) != 0 || !isRegular(st.st_mode, &result)) {
        if (result.status == Status::Missing) // fstat failed
            result.status = Status::Unreadable;
        ::close(fd);
        return result;
    }
    // Regular files ignore O_NONBLOCK; clear it all the same so the fd behaves as usual.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    result.status = Status::Ok;
    result.fd = fd;
    result.st = st;
    return result;
}

} // namespace fal::emulator
