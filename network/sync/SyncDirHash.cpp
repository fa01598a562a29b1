#include "network/sync/SyncDirHash.h"

#include "network/io/Digest.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace {

constexpr qint64 kBlockBytes = 1024 * 1024;

// os.walk(top): scandir's order, which is readdir's; QDirIterator without sorting reads the
// directory in that same order. An entry is a "dir" when it is one through links (scandir's
// is_dir()), but walk() does not enter a link to a folder; everything else is a "file" to hash.
template<typename OnFile> bool walk(const QString &dir, const QString &relative, OnFile &onFile)
{
    QStringList files;
    QStringList subdirs;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        if (info.isDir()) {
            if (!info.isSymLink())
                subdirs << info.fileName();
        } else if (info.isFile() && info.fileName() != QLatin1String(".fal_hash")) {
            // Only what can be read to its end: a FIFO or a device would hang or never end
            // (sync_dir itself would hang there, or fail on a dangling link).
            files << info.fileName();
        }
    }
    for (const QString &name : std::as_const(files)) {
        if (!onFile(dir + QLatin1Char('/') + name, relative + name))
            return false;
    }
    for (const QString &name : std::as_const(subdirs)) {
        if (!walk(dir + QLatin1Char('/') + name, relative + name + QLatin1Char('/'), onFile))
            return false;
    }
    return true;
}

} // namespace

SyncDirHash::Result SyncDirHash::fingerprint(const QString &dir)
{
    Result result;
    Digest digest(Digest::Algorithm::Sha256);
    auto onFile = [&](const QString &path, const QString &relative) {
        const QFileInfo info(path);
        const QByteArray line = relative.toUtf8() + '\0' + QByteArray::number(info.size()) + '\0'
            + QByteArray::number(info.lastModified().toMSecsSinceEpoch()) + '\n';
        digest.addData(line.constData(), size_t(line.size()));
        return true;
    };
    walk(dir, QString(), onFile);
    result.fingerprint = QString::fromLatin1(digest.hexResult());
    return result;
}

SyncDirHash::Result SyncDirHash::compute(const QString &dir, const std::atomic_bool *cancel)
{
    Result result;
    Digest digest(Digest::Algorithm::Sha256);
    Digest print(Digest::Algorithm::Sha256);
    QByteArray block(kBlockBytes, Qt::Uninitialized);
    auto onFile = [&](const QString &path, const QString &relative) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            result.error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
            return false;
        }
        const QFileInfo info(path);
        const QByteArray line = relative.toUtf8() + '\0' + QByteArray::number(info.size()) + '\0'
            + QByteArray::number(info.lastModified().toMSecsSinceEpoch()) + '\n';
        print.addData(line.constData(), size_t(line.size()));
        for (qint64 n; (n = file.read(block.data(), block.size())) > 0;) {
            if (cancel && cancel->load()) {
                result.error = QStringLiteral("Cancelled");
                return false;
            }
            digest.addData(block.constData(), size_t(n));
            result.bytesRead += n;
        }
        return true;
    };
    if (!walk(dir, QString(), onFile))
        return result;
    result.sha256 = QString::fromLatin1(digest.hexResult());
    result.fingerprint = QString::fromLatin1(print.hexResult());
    return result;
}
