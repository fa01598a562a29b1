#include "MultipartStore.h"

#include "BufferedFileWriter.h"
#include "EmulatorLogging.h"
#include "MultipartUpload.h"
#include "SafePathResolver.h"
#include "StagingArea.h"
#include "TreeMerger.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fal::emulator {

namespace {

QByteArray normalizedEtag(QByteArray etag)
{
    etag = etag.trimmed();
    if (etag.size() >= 2 && etag.startsWith('"') && etag.endsWith('"'))
        etag = etag.mid(1, etag.size() - 2);
    return etag.toLower();
}

QByteArray partsKey(const QList<QPair<int, QByteArray>> &listed)
{
    QByteArray key;
    for (const auto &[number, etag] : listed)
        key += QByteArray::number(number) + ':' + normalizedEtag(etag) + ',';
    return key;
}

} // namespace

MultipartStore::MultipartStore(const StagingArea &staging, int expiryDays)
    : m_staging(staging), m_expiryMs(qint64(expiryDays > 0 ? expiryDays : 7) * 24 * 3600 * 1000)
{
}

MultipartStore::~MultipartStore()
{
    {
        std::lock_guard lock(m_hashQueueMutex);
        m_hashStop = true;
    }
    m_hashWake.notify_all();
    if (m_hasher.joinable())
        m_hasher.join();
}

void MultipartStore::adopt(const std::shared_ptr<MultipartUpload> &upload)
{
    if (!m_hasher.joinable())
        m_hasher = std::thread([this] { hashLoop(); });
    std::weak_ptr<MultipartUpload> weak = upload;
    upload->partStored = [this, weak] {
        {
            std::lock_guard lock(m_hashQueueMutex);
            m_hashQueue.push_back(weak);
        }
        m_hashWake.notify_one();
    };
    m_uploads[upload->id] = upload;
}

void MultipartStore::hashLoop()
{
    std::unique_lock lock(m_hashQueueMutex);
    for (;;) {
        m_hashWake.wait(lock, [this] { return m_hashStop || !m_hashQueue.empty(); });
        if (m_hashStop)
            return;
        const std::shared_ptr<MultipartUpload> upload = m_hashQueue.front().lock();
        m_hashQueue.pop_front();
        if (!upload)
            continue;
        lock.unlock();
        upload->advanceHash();
        lock.lock();
    }
}

bool MultipartStore::isValidId(const QString &id)
{
    if (id.size() != 32)
        return false;
    for (const QChar c : id) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9'))
              || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))))
            return false;
    }
    return true;
}

void MultipartStore::load()
{
    std::lock_guard lock(m_mutex);
    const QFileInfoList dirs
        = QDir(m_staging.uploadsDir()).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QFileInfo &dir : dirs) {
        QString error;
        std::shared_ptr<MultipartUpload> upload;
        if (isValidId(dir.fileName()))
            upload = MultipartUpload::load(dir.filePath(), &error);
        if (!upload || expired(*upload, now)) {
            qCInfo(lcEmulator) << "dropping multipart upload" << dir.fileName()
                               << (upload ? QStringLiteral("(expired)") : error);
            m_staging.discard(dir.filePath());
            continue;
        }
        adopt(upload);
    }
}

bool MultipartStore::expired(const MultipartUpload &upload, qint64 nowMs) const
{
    return upload.lastActivityMs + m_expiryMs < nowMs;
}

void MultipartStore::forgetLocked(const std::shared_ptr<MultipartUpload> &upload)
{
    {
        std::lock_guard lock(upload->mutex);
        upload->gone = true;
    }
    upload->changed.notify_all();
    m_uploads.erase(upload->id);
    m_staging.discard(upload->dir);
}

void MultipartStore::sweepExpiredLocked()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    std::vector<std::shared_ptr<MultipartUpload>> stale;
    for (const auto &[id, upload] : m_uploads) {
        std::lock_guard lock(upload->mutex);
        if (upload->inFlight.empty() && !upload->completing && expired(*upload, now))
            stale.push_back(upload);
    }
    for (const auto &upload : stale)
        forgetLocked(upload);
}

std::shared_ptr<MultipartUpload> MultipartStore::initiate(const QString &relativePath,
                                                          const InitiateRequest &request,
                                                          QString *error)
{
    std::lock_guard lock(m_mutex);
    sweepExpiredLocked();
    const bool canResume = request.hasBody && request.chunkSize > 0 && !request.contentMd5.isEmpty()
        && request.size >= 0;
    if (canResume) {
        for (const auto &[id, upload] : m_uploads) {
            if (upload->relativePath == relativePath && upload->chunkSize == request.chunkSize
                && upload->contentMd5 == request.contentMd5 && upload->declaredSize == request.size)
                return upload;
        }
    }
    const QString id = StagingArea::randomHex(16);
    const QString dir = m_staging.uploadsDir() + QLatin1Char('/') + id;
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create upload state");
        return nullptr;
    }
    auto upload = std::make_shared<MultipartUpload>(id, dir, relativePath);
    upload->chunkSize = request.chunkSize;
    upload->contentMd5 = request.contentMd5;
    upload->declaredSize = request.size;
    if (request.chunkSize > 0)
        upload->layoutChunk = request.chunkSize;
    if (!upload->create(error)) {
        m_staging.discard(dir);
        return nullptr;
    }
    adopt(upload);
    return upload;
}

std::shared_ptr<MultipartUpload> MultipartStore::find(const QString &id,
                                                      const QString &relativePath)
{
    std::lock_guard lock(m_mutex);
    const auto it = m_uploads.find(id);
    if (it == m_uploads.end() || it->second->relativePath != relativePath)
        return nullptr;
    std::shared_ptr<MultipartUpload> upload = it->second;
    bool stale = false;
    {
        std::lock_guard uploadLock(upload->mutex);
        stale = upload->inFlight.empty() && !upload->completing
            && expired(*upload, QDateTime::currentMSecsSinceEpoch());
    }
    if (stale) {
        forgetLocked(upload);
        return nullptr;
    }
    return upload;
}

bool MultipartStore::cancel(const QString &id, const QString &relativePath)
{
    const std::shared_ptr<MultipartUpload> upload = find(id, relativePath);
    if (!upload)
        return false;
    std::lock_guard lock(m_mutex);
    forgetLocked(upload);
    return true;
}

MultipartStore::CompleteResult MultipartStore::complete(const QString &id,
                                                        const ResolvedPath &target,
                                                        const QList<QPair<int, QByteArray>> &listed)
{
    CompleteResult result;
    auto fail = [&result](int status, const QString &message) {
        result.status = status;
        result.error = message;
        return result;
    };
    const std::shared_ptr<MultipartUpload> upload = find(id, target.relative);
    if (!upload) {
        std::lock_guard lock(m_mutex);
        const auto it = m_finished.find(id);
        if (it != m_finished.end() && it->second.relativePath == target.relative
            && it->second.partsKey == partsKey(listed)) {
            result.etag = it->second.etag;
            return result;
        }
        return fail(404, QStringLiteral("Upload not found"));
    }
    if (listed.isEmpty())
        return fail(400, QStringLiteral("No parts listed"));
    {
        std::lock_guard lock(upload->mutex);
        if (upload->gone)
            return fail(404, QStringLiteral("Upload not found"));
        if (upload->completing)
            return fail(400, QStringLiteral("Upload is already being completed"));
        int previous = 0;
        for (const auto &[number, etag] : listed) {
            if (number <= previous)
                return fail(
                    400, QStringLiteral("Parts must be listed in ascending order without repeats"));
            previous = number;
            if (upload->inFlight.count(number))
                return fail(400, QStringLiteral("Part %1 is still being uploaded").arg(number));
            const auto it = upload->parts.find(number);
            if (it == upload->parts.end())
                return fail(400, QStringLiteral("Part %1 was not uploaded").arg(number));
            if (normalizedEtag(etag) != it->second.etag)
                return fail(
                    400,
                    QStringLiteral("Part %1: etag %2 does not match the stored part (%3)")
                        .arg(number)
                        .arg(QString::fromLatin1(etag), QString::fromLatin1(it->second.etag)));
        }
        upload->completing = true;
    }
    result = assemble(*upload, target, listed);
    std::lock_guard lock(m_mutex);
    if (result.status != 200) {
        {
            std::lock_guard uploadLock(upload->mutex);
            upload->completing = false;
        }
        upload->changed.notify_all();
        return result;
    }
    forgetLocked(upload);
    if (m_finished.size() > 1000)
        m_finished.erase(m_finished.begin());
    m_finished[id] = Finished {target.relative, partsKey(listed), result.etag};
    return result;
}

MultipartStore::CompleteResult MultipartStore::assemble(MultipartUpload &upload,
                                                        const ResolvedPath &target,
                                                        const QList<QPair<int, QByteArray>> &listed)
{
    CompleteResult result;
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
        qCDebug(lcEmulator) << "complete" << upload.id << "in place," << total << "bytes";
        return result;
    }

    // Slow path: copy the listed parts, in order, into a new file, hashing on the way.
    const QString temp = m_staging.newTempPath(QStringLiteral("assemble"));
    TempPathGuard guard(m_staging, temp);
    BufferedFileWriter out;
    if (!out.create(temp))
        return fail(500, out.errorString());
    Digest md5(Digest::Algorithm::Md5);
    std::vector<char> buffer(1024 * 1024);
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
    qCDebug(lcEmulator) << "complete" << upload.id << "assembled by copying," << total << "bytes";
    return result;
}

} // namespace fal::emulator
