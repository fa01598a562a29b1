#include "DirectoryHash.h"

#include "Digest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <unistd.h>

namespace fal::emulator {

namespace {

bool hashTree(const QString &dir, Digest *digest)
{
    const QDir d(dir);
    const QDir::Filters filters = QDir::Hidden | QDir::System | QDir::NoDotAndDotDot;
    for (const QFileInfo &file : d.entryInfoList(QDir::Files | filters, QDir::Name)) {
        if (file.fileName() == QLatin1String(".fal_hash"))
            continue;
        const int fd = ::open(QFile::encodeName(file.filePath()).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return false;
        const bool ok = Digest::hashRange(fd, 0, file.size(), digest, nullptr, nullptr);
        ::close(fd);
        if (!ok)
            return false;
    }
    // os.walk does not descend into symlinked directories by default.
    for (const QFileInfo &sub :
         d.entryInfoList(QDir::Dirs | QDir::NoSymLinks | filters, QDir::Name)) {
        if (!hashTree(sub.filePath(), digest))
            return false;
    }
    return true;
}

} // namespace

QByteArray DirectoryHash::compute(const QString &dir)
{
    Digest digest(Digest::Algorithm::Sha256);
    if (!hashTree(dir, &digest))
        return {};
    return digest.hexResult();
}

bool DirectoryHash::matches(const QString &dir, const QByteArray &hash)
{
    if (!QFileInfo(dir).isDir() || hash.isEmpty())
        return false;
    const QByteArray wanted = hash.trimmed().toLower();
    QFile stored(dir + QStringLiteral("/.fal_hash"));
    if (stored.open(QIODevice::ReadOnly))
        return stored.read(1024).trimmed().toLower() == wanted;
    return compute(dir) == wanted;
}

} // namespace fal::emulator
