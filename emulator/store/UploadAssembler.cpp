#include "emulator/store/UploadAssembler.h"

#include "emulator/store/BufferedFileWriter.h"
#include "emulator/store/MultipartUpload.h"
#include "emulator/store/SafePathResolver.h"
#include "emulator/store/StagingArea.h"
#include "emulator/store/StoreLog.h"
#include "emulator/store/TreeMerger.h"
#include "network/io/Digest.h"

#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace fal::emulator {

MultipartCompleteResult UploadAssembler::assemble(MultipartUpload &upload,
                                                  const ResolvedPath &target,
                                                  const QList<QPair<int, QByteArray>> &listed,
                                                  const StagingArea &staging)
{
    MultipartCompleteResult result;
    auto fail = [&result](int status, const QString &message) {
        result.status = status;
        result.error = message;
        return result;
    };
    if (QFileInfo(target.localPath).isDir())
        return fail(400, QStringLiteral("Is a directory: %1").arg(target.apiPath()));
    QString error;
    if (!TreeMerger::ensureDirectory(QFileInfo(target.localPath).path(), &error))
        return fail(400, error);

    std::vector<std::pair<int, StoredPart>> parts;
    int dataFd = -1;
    {
        std::lock_guard lock(upload.mutex);
        for (const auto &entry : listed)
            parts.emplace_back(entry.first, upload.parts.at(entry.first));
        dataFd = upload.dataFd(&error);
    }
    if (dataFd < 0)
        return fail(500, error);

    // Fast path: parts 1..k sit in their slots with the layout size, so the data file already
    // is the result. No byte is copied and only the unhashed tail is read.
    bool inPlace = true;
    qint64 total = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
        const auto &[number, part] = parts[i];
        const bool last = i + 1 == parts.size();
        inPlace = inPlace && number == int(i) + 1 && part.inPlace
            && (last || part.size == upload.layoutChunk);
        total += part.size;
    }
    if (inPlace) {
        result.etag = upload.finishInPlaceMd5(parts.back().first, parts.back().second.size, &error);
        if (result.etag.isEmpty())
            return fail(500, QStringLiteral("cannot hash the upload: %1").arg(error));
        if (::ftruncate(dataFd, off_t(total)) != 0)
            return fail(500, QString::fromLocal8Bit(std::strerror(errno)));
        if (!TreeMerger::moveFileIntoPlace(upload.dataPath(), target.localPath, &error))
            return fail(400, error);
        qCDebug(lcStore) << "complete" << upload.id << "in place," << total << "bytes";
        return result;
    }

    // Slow path: copy the listed parts, in order, into a new file, hashing on the way.
    const QString temp = staging.newTempPath(QStringLiteral("assemble"));
    TempPathGuard guard(staging, temp);
    BufferedFileWriter out;
    if (!out.create(temp))
        return fail(500, out.errorString());
    Digest md5(Digest::Algorithm::Md5);
    std::vector<char> buffer(256 * 1024);
    for (const auto &[number, part] : parts) {
        int fd = dataFd;
        qint64 offset = (number - 1) * upload.layoutChunk;
        if (!part.inPlace) {
            fd = ::open(QFile::encodeName(upload.partPath(number)).constData(),
                        O_RDONLY | O_CLOEXEC);
            offset = 0;
        }
        if (fd < 0)
            return fail(500, QStringLiteral("part %1 is missing on disk").arg(number));
        qint64 left = part.size;
        bool ok = true;
        while (ok && left > 0) {
            const ssize_t n
                = ::pread(fd, buffer.data(), size_t(std::min<qint64>(left, qint64(buffer.size()))),
                          off_t(offset));
            ok = n > 0 && out.write(buffer.data(), size_t(n));
            if (ok) {
                md5.addData(buffer.data(), size_t(n));
                offset += n;
                left -= n;
            }
        }
        if (fd != dataFd)
            ::close(fd);
        if (!ok)
            return fail(500, QStringLiteral("cannot assemble part %1").arg(number));
    }
    if (!out.close())
        return fail(500, out.errorString());
    if (!TreeMerger::moveFileIntoPlace(temp, target.localPath, &error))
        return fail(400, error);
    guard.release();
    result.etag = md5.hexResult();
    qCDebug(lcStore) << "complete" << upload.id << "assembled by copying," << total << "bytes";
    return result;
}

} // namespace fal::emulator
