#include "network/io/AtomicFile.h"

#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

bool writeAll(int fd, const char *data, size_t length)
{
    while (length > 0) {
        const ssize_t n = ::write(fd, data, length);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return false;
        }
        data += n;
        length -= size_t(n);
    }
    return true;
}

} // namespace

bool AtomicFile::write(const QString &path, const QByteArray &data, QString *error, unsigned mode)
{
    auto fail = [&](const char *step, int savedErrno) {
        if (error)
            *error = QStringLiteral("cannot write %1 (%2): %3")
                         .arg(QFileInfo(path).fileName(), QLatin1String(step),
                              QString::fromLocal8Bit(std::strerror(savedErrno)));
        return false;
    };
    QByteArray temp = QFile::encodeName(path) + ".XXXXXX.tmp";
    const int fd = ::mkostemps(temp.data(), 4, O_CLOEXEC);
    if (fd < 0)
        return fail("create", errno);
    const char *step = nullptr;
    if (::fchmod(fd, mode_t(mode)) != 0)
        step = "chmod";
    else if (!writeAll(fd, data.constData(), size_t(data.size())))
        step = "write";
    else if (::fsync(fd) != 0)
        step = "fsync";
    int savedErrno = errno;
    if (::close(fd) != 0 && !step) {
        step = "close";
        savedErrno = errno;
    }
    if (!step && std::rename(temp.constData(), QFile::encodeName(path).constData()) != 0) {
        step = "rename";
        savedErrno = errno;
    }
    if (step) {
        ::unlink(temp.constData());
        return fail(step, savedErrno);
    }
    // The rename is only durable once the directory is synced; the file is whole either way.
    const int dir = ::open(QFile::encodeName(QFileInfo(path).path()).constData(),
                           O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return true;
}
