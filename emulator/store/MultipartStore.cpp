#include "emulator/store/MultipartStore.h"

#include "emulator/store/MultipartUpload.h"
#include "emulator/store/SafePathResolver.h"
#include "emulator/store/StagingArea.h"
#include "emulator/store/StoreLog.h"
#include "emulator/store/UploadAssembler.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

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
            qCInfo(lcStore) << "dropping multipart upload" << dir.fileName()
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
        // An upload started before its client knew the file's MD5 (a client hashes while it
        // sends, so its first initiate has none) matches on path, part size and size, and takes
        // the MD5 from now on. The parts' own etags and the final MD5 check still guard content.
        for (const auto &[id, upload] : m_uploads) {
            if (upload->relativePath != relativePath || upload->chunkSize != request.chunkSize
                || upload->declaredSize != request.size)
                continue;
            if (upload->contentMd5 == request.contentMd5)
                return upload;
            if (upload->contentMd5.isEmpty()) {
                upload->contentMd5 = request.contentMd5;
                QString ignored;
                upload->saveMeta(&ignored);
                return upload;
            }
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
                return fail(400,
                            QStringLiteral("Part %1: etag %2 does not match the stored part (%3)")
                                .arg(QString::number(number), QString::fromLatin1(etag),
                                     QString::fromLatin1(it->second.etag)));
        }
        upload->completing = true;
    }
    result = UploadAssembler::assemble(*upload, target, listed, m_staging);
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

} // namespace fal::emulator
