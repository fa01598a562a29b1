#include "emulator/store/DirectoryHash.h"

#include "emulator/store/RegularFile.h"
#include "emulator/store/SafePathResolver.h"
#include "network/io/Digest.h"

#include <QDir>
#include <QFile>
#include <QStringList>

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace fal::emulator {

namespace {

const QLatin1String kHashFile(".fal_hash");

// Opens `path` if the walk should read it: a regular file, or a link to one inside the root.
RegularFile::Result openForWalk(const QString &path, const struct stat &link,
                                const SafePathResolver &root)
{
    if (!S_ISLNK(link.st_mode))
        return RegularFile::open(path, false); // O_NOFOLLOW: no link swapped in since lstat
    if (!root.staysInside(path, nullptr))
        return {}; // Missing: not part of the walk
    return RegularFile::open(path, true);
}

bool hashTree(const QString &dir, const SafePathResolver &root, Digest *digest)
{
    const QStringList names = QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
    const bool atRoot = dir == root.rootDir();
    QStringList subdirs;
    for (const QString &name : names) {
        const QString path = dir + QLatin1Char('/') + name;
        struct stat st
        {
        };
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
            continue; // gone meanwhile
        if (S_ISDIR(st.st_mode)) { // a symlinked directory is not S_ISDIR here: not entered
            if (!(atRoot && name == QLatin1String(SafePathResolver::kReservedName)))
                subdirs.append(path);
            continue;
        }
        if (name == kHashFile)
            continue;
        const RegularFile::Result file = openForWalk(path, st, root);
        if (file.status == RegularFile::Status::Unreadable)
            return false;
        if (file.status != RegularFile::Status::Ok)
            continue; // FIFO, device, link out of the root or to a directory, vanished
        const bool ok = Digest::hashRange(file.fd, 0, file.st.st_size, digest, nullptr, nullptr);
        ::close(file.fd);
        if (!ok)
            return false;
    }
    for (const QString &sub : std::as_const(subdirs)) {
        if (!hashTree(sub, root, digest))
            return false;
    }
    return true;
}

// The first KiB of <dir>/.fal_hash; false unless that is a regular file (a link is not followed).
bool readStoredHash(const QString &dir, QByteArray *out)
{
    const RegularFile::Result file = RegularFile::open(dir + QLatin1Char('/') + kHashFile, false);
    if (file.status != RegularFile::Status::Ok)
        return false;
    QByteArray bytes(1024, Qt::Uninitialized);
    ssize_t n;
    do {
        n = ::read(file.fd, bytes.data(), size_t(bytes.size()));
    } while (n < 0 && errno == EINTR);
    ::close(file.fd);
    if (n < 0)
        return false;
    bytes.truncate(n);
    *out = bytes;
    return true;
}

} // namespace

QByteArray DirectoryHash::compute(const QString &dir, const SafePathResolver &root)
{
    Digest digest(Digest::Algorithm::Sha256);
    if (!hashTree(dir, root, &digest))
        return {};
    return digest.hexResult();
}

bool DirectoryHash::matches(const QString &dir, const QByteArray &hash,
                            const SafePathResolver &root)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(dir).constData(), &st) != 0 || !S_ISDIR(st.st_mode)
        || hash.isEmpty())
        return false;
    const QByteArray wanted = hash.trimmed().toLower();
    QByteArray stored;
    if (readStoredHash(dir, &stored))
        return stored.trimmed().toLower() == wanted;
    return compute(dir, root) == wanted;
}

} // namespace fal::emulator
