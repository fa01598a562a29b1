#include "emulator/routes/FileOpsHandler.h"

#include "emulator/routes/Exchange.h"
#include "emulator/routes/FileSpecJson.h"
#include "emulator/routes/JsonBody.h"
#include "emulator/store/DirectoryHash.h"
#include "emulator/store/RegularFile.h"
#include "emulator/store/StagingArea.h"
#include "emulator/store/TreeMerger.h"
#include "network/io/Digest.h"

#include <QFile>
#include <QFileInfo>

#include <httplib.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fal::emulator {

namespace {

// lstat: a symlink (inside the root; the resolver refused the others) is itself the entry.
bool entryExists(const QString &path)
{
    struct stat st
    {
    };
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}

// rename(2) that never replaces an existing destination, even one created a moment ago.
int renameNoReplace(const QString &from, const QString &to)
{
    const QByteArray a = QFile::encodeName(from);
    const QByteArray b = QFile::encodeName(to);
    if (::renameat2(AT_FDCWD, a.constData(), AT_FDCWD, b.constData(), RENAME_NOREPLACE) == 0)
        return 0;
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    if (entryExists(to)) { // the filesystem cannot do it atomically; check, then rename
        errno = EEXIST;
        return -1;
    }
    return std::rename(a.constData(), b.constData());
}

} // namespace

void FileOpsHandler::remove(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!ex.resolvePath(ctx, &target))
        return;
    if (target.isRoot()) {
        HttpResponder::detail(ex.res, 400, QStringLiteral("Refusing to delete the root directory"));
        return;
    }
    if (!entryExists(target.localPath)) {
        HttpResponder::detail(ex.res, 404,
                              QStringLiteral("File not found: %1").arg(target.apiPath()));
        return;
    }
    QString error;
    if (!ctx.staging.discard(target.localPath, &error)) {
        HttpResponder::detail(ex.res, 500, error);
        return;
    }
    HttpResponder::jsonTrue(ex.res);
}

void FileOpsHandler::rename(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath source;
    if (!ex.resolvePath(ctx, &source))
        return;
    QJsonObject body;
    QString destinationText;
    if (!JsonBody::readObject(ex, &body)
        || !JsonBody::requireString(ex, body, QStringLiteral("destination"), &destinationText))
        return;
    ResolvedPath destination;
    QString error;
    if (!ctx.resolver.resolve(destinationText, &destination, &error)) {
        HttpResponder::detail(ex.res, 400, error);
        return;
    }
    if (source.isRoot()) {
        HttpResponder::detail(ex.res, 400, QStringLiteral("Refusing to move the root directory"));
        return;
    }
    if (!entryExists(source.localPath)) {
        HttpResponder::detail(ex.res, 404,
                              QStringLiteral("File not found: %1").arg(source.apiPath()));
        return;
    }
    if (destination.isRoot() || entryExists(destination.localPath)) {
        HttpResponder::detail(
            ex.res, 409,
            QStringLiteral("Destination already exists: %1").arg(destination.apiPath()));
        return;
    }
    if (destination.relative.startsWith(source.relative + QLatin1Char('/'))) {
        HttpResponder::detail(ex.res, 400, QStringLiteral("Cannot move a directory into itself"));
        return;
    }
    if (!TreeMerger::ensureDirectory(QFileInfo(destination.localPath).path(), &error)) {
        HttpResponder::detail(ex.res, 400, error);
        return;
    }
    if (renameNoReplace(source.localPath, destination.localPath) != 0) {
        if (errno == EEXIST)
            HttpResponder::detail(
                ex.res, 409,
                QStringLiteral("Destination already exists: %1").arg(destination.apiPath()));
        else
            HttpResponder::detail(ex.res, 400,
                                  QStringLiteral("Cannot move: %1")
                                      .arg(QString::fromLocal8Bit(std::strerror(errno))));
        return;
    }
    HttpResponder::jsonTrue(ex.res);
}

void FileOpsHandler::exists(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!ex.resolvePath(ctx, &target))
        return;
    if (ex.body.drain() == BodyReader::Status::Dropped)
        return;
    const QFileInfo info(target.localPath);
    if (!info.exists()) {
        HttpResponder::detail(ex.res, 404,
                              QStringLiteral("File not found: %1").arg(target.apiPath()));
        return;
    }
    const QString flag
        = QString::fromStdString(ex.req.get_param_value("calculate_checksum")).toLower();
    FileSpecJson::Checksums checksums;
    const bool wantChecksums
        = info.isFile() && (flag == QLatin1String("true") || flag == QLatin1String("1"));
    if (wantChecksums) {
        // One read feeds both digests: a multi-GB file is read once.
        Digest sha256(Digest::Algorithm::Sha256);
        Digest md5(Digest::Algorithm::Md5);
        const RegularFile::Result opened = RegularFile::open(target.localPath);
        QString error = QStringLiteral("cannot open");
        const int fd = opened.fd;
        const bool ok
            = fd >= 0 && Digest::hashRange(fd, 0, opened.st.st_size, &sha256, &md5, &error);
        if (fd >= 0)
            ::close(fd);
        if (!ok) {
            HttpResponder::detail(
                ex.res, 500, QStringLiteral("cannot read %1: %2").arg(target.apiPath(), error));
            return;
        }
        checksums.sha256 = sha256.hexResult();
        checksums.md5 = md5.hexResult();
    }
    QByteArray spec;
    if (!FileSpecJson::build(ex.surface(), target.apiPath(), target.localPath, &spec,
                             wantChecksums ? &checksums : nullptr)) {
        HttpResponder::detail(ex.res, 404,
                              QStringLiteral("File not found: %1").arg(target.apiPath()));
        return;
    }
    HttpResponder::json(ex.res, 200, spec);
}

void FileOpsHandler::checkHash(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!ex.resolvePath(ctx, &target))
        return;
    QJsonObject body;
    QString hash;
    if (!JsonBody::readObject(ex, &body)
        || !JsonBody::requireString(ex, body, QStringLiteral("hash"), &hash))
        return;
    const bool matches = DirectoryHash::matches(target.localPath, hash.toLatin1(), ctx.resolver);
    HttpResponder::json(ex.res, 200,
                        matches ? QByteArrayLiteral("true") : QByteArrayLiteral("false"));
}

} // namespace fal::emulator
