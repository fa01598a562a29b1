#include "emulator/store/PartWriter.h"

#include "emulator/store/MultipartUpload.h"
#include "emulator/store/StoreLog.h"

#include <QFile>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

namespace fal::emulator {

namespace {

QString spillTempPath(const MultipartUpload &upload, int number)
{
    return upload.partPath(number) + QStringLiteral(".tmp");
}

} // namespace

PartWriter::PartWriter(std::shared_ptr<MultipartUpload> upload, int number)
    : m_upload(std::move(upload)), m_number(number)
{
}

PartWriter::~PartWriter()
{
    if (!m_done)
        abandon();
}

PartWriter::Outcome PartWriter::begin(QString *error)
{
    MultipartUpload &up = *m_upload;
    bool existed = false;
    {
        std::unique_lock lock(up.mutex);
        // A retry can overtake its own first attempt; let the first one finish or fail first.
        const bool free = up.changed.wait_for(lock, std::chrono::seconds(60), [&] {
            return up.gone || (!up.completing && !up.inFlight.count(m_number));
        });
        if (up.gone)
            return Outcome::Gone;
        if (!free) {
            *error = QStringLiteral("Part %1 is already being uploaded").arg(m_number);
            return Outcome::Busy;
        }
        up.inFlight.insert(m_number);
        m_claimed = true;
        existed = up.parts.count(m_number) > 0;
    }
    if (existed) {
        // A stored copy stays valid until this one is whole: like an object store, a second
        // upload of a part replaces the first only when it succeeds. (A client killed mid-part
        // can have its cut request handled after its successor stored the part again.)
        m_replacing = true;
        const QString path = spillTempPath(up, m_number);
        m_spillFd = ::open(QFile::encodeName(path).constData(),
                           O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (m_spillFd < 0) {
            *error = QStringLiteral("cannot store part: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return Outcome::Error;
        }
        m_writer = std::make_unique<BufferedFileWriter>();
        m_writer->attach(m_spillFd, 0);
        m_inPlace = false;
        return Outcome::Ok;
    }
    QFile::remove(up.partPath(m_number));

    int fd = -1;
    {
        std::lock_guard lock(up.mutex);
        fd = up.dataFd(error);
    }
    if (fd < 0)
        return Outcome::Error;
    m_writer = std::make_unique<BufferedFileWriter>();
    m_writer->attach(fd, (m_number - 1) * up.layoutChunk);
    m_writer->setWriteLock(&up.dataWriteMutex);
    return Outcome::Ok;
}

bool PartWriter::spill()
{
    // The part outgrew its slot: move what is already on disk to part-N.tmp and keep writing there.
    if (!m_writer->flush())
        return false;
    const QString path = spillTempPath(*m_upload, m_number);
    m_spillFd
        = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (m_spillFd < 0)
        return false;
    const qint64 already = m_writer->flushed();
    loff_t in = m_writer->offset();
    loff_t out = 0;
    qint64 left = already;
    while (left > 0) {
        const ssize_t n = ::copy_file_range(m_writer->fd(), &in, m_spillFd, &out, size_t(left), 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        left -= n;
    }
    m_writer = std::make_unique<BufferedFileWriter>();
    m_writer->attach(m_spillFd, already);
    m_inPlace = false;
    qCDebug(lcStore) << "upload" << m_upload->id << "part" << m_number << "spilled: larger than"
                     << m_upload->layoutChunk;
    return true;
}

bool PartWriter::write(const char *data, size_t length)
{
    if (m_tooLarge)
        return true; // keep reading so the answer can be a clean 413
    if (m_size + qint64(length) > kMaxPartSize) {
        m_tooLarge = true;
        return true;
    }
    m_md5.addData(data, length);
    if (m_inPlace && m_size + qint64(length) > m_upload->layoutChunk && !spill()) {
        m_error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_size += qint64(length);
    if (!m_writer->write(data, length)) {
        m_error = m_writer->errorString();
        return false;
    }
    return true;
}

PartWriter::Outcome PartWriter::finish(QByteArray *etag, QString *error)
{
    MultipartUpload &up = *m_upload;
    if (m_tooLarge) {
        *error = QStringLiteral("Part is larger than %1 bytes").arg(kMaxPartSize);
        return Outcome::TooLarge;
    }
    if (!m_error.isEmpty() || !m_writer->flush()) {
        *error = QStringLiteral("cannot store part: %1")
                     .arg(m_error.isEmpty() ? m_writer->errorString() : m_error);
        return Outcome::Error;
    }
    if (!m_inPlace) {
        ::close(m_spillFd);
        m_spillFd = -1;
        if (std::rename(QFile::encodeName(spillTempPath(up, m_number)).constData(),
                        QFile::encodeName(up.partPath(m_number)).constData())
            != 0) {
            *error = QStringLiteral("cannot store part: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
            return Outcome::Error;
        }
    }
    StoredPart part;
    part.size = m_size;
    part.etag = m_md5.hexResult();
    part.inPlace = m_inPlace;
    if (m_replacing) {
        // The old bytes may already be in the running whole-file hash.
        std::lock_guard hashLock(up.hashMutex);
        std::lock_guard lock(up.mutex);
        up.resetHashIfCovers(m_number);
    }
    {
        std::lock_guard lock(up.mutex);
        if (up.gone)
            return Outcome::Gone;
        if (!up.journalPart(m_number, &part, error))
            return Outcome::Error;
        up.parts[m_number] = part;
        up.inFlight.erase(m_number);
        m_done = true;
    }
    up.changed.notify_all();
    *etag = part.etag;
    if (up.partStored)
        up.partStored();
    else
        up.advanceHash();
    return Outcome::Ok;
}

void PartWriter::abandon()
{
    if (m_spillFd >= 0) {
        ::close(m_spillFd);
        m_spillFd = -1;
    }
    if (!m_claimed)
        return;
    QFile::remove(spillTempPath(*m_upload, m_number));
    {
        std::lock_guard lock(m_upload->mutex);
        m_upload->inFlight.erase(m_number);
    }
    m_upload->changed.notify_all();
}

} // namespace fal::emulator
