#include "emulator/store/MultipartUpload.h"

#include "emulator/store/StoreLog.h"
#include "network/io/AtomicFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fal::emulator {

MultipartUpload::MultipartUpload(QString id, QString dir, QString relativePath)
    : id(std::move(id)), dir(std::move(dir)), relativePath(std::move(relativePath))
{
}

MultipartUpload::~MultipartUpload()
{
    if (m_dataFd >= 0)
        ::close(m_dataFd);
}

bool MultipartUpload::create(QString *error)
{
    createdMs = QDateTime::currentMSecsSinceEpoch();
    lastActivityMs = createdMs;
    return saveMeta(error);
}

bool MultipartUpload::saveMeta(QString *error)
{
    const QJsonObject meta {{QStringLiteral("upload_id"), id},
                            {QStringLiteral("path"), relativePath},
                            {QStringLiteral("chunk_size"), chunkSize},
                            {QStringLiteral("content_md5"), QString::fromLatin1(contentMd5)},
                            {QStringLiteral("size"), declaredSize},
                            {QStringLiteral("layout_chunk"), layoutChunk},
                            {QStringLiteral("created_ms"), createdMs}};
    // Replaced in one step: a failed write (disk full) leaves the previous meta.json whole.
    QString why;
    if (!AtomicFile::write(dir + QStringLiteral("/meta.json"), QJsonDocument(meta).toJson(),
                           &why)) {
        if (error)
            *error = QStringLiteral("cannot store upload state: ") + why;
        return false;
    }
    return true;
}

std::shared_ptr<MultipartUpload> MultipartUpload::load(const QString &dir, QString *error)
{
    QFile metaFile(dir + QStringLiteral("/meta.json"));
    if (!metaFile.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("no meta.json");
        return nullptr;
    }
    const QJsonObject meta = QJsonDocument::fromJson(metaFile.readAll()).object();
    const QString id = meta.value(QStringLiteral("upload_id")).toString();
    if (id.isEmpty() || id != QFileInfo(dir).fileName()) {
        *error = QStringLiteral("meta.json does not match its directory");
        return nullptr;
    }
    auto upload
        = std::make_shared<MultipartUpload>(id, dir, meta.value(QStringLiteral("path")).toString());
    upload->chunkSize = meta.value(QStringLiteral("chunk_size")).toInteger();
    upload->contentMd5 = meta.value(QStringLiteral("content_md5")).toString().toLatin1();
    upload->declaredSize = meta.value(QStringLiteral("size")).toInteger(-1);
    upload->layoutChunk = meta.value(QStringLiteral("layout_chunk")).toInteger(kDefaultLayoutChunk);
    upload->createdMs = meta.value(QStringLiteral("created_ms")).toInteger();
    upload->lastActivityMs = upload->createdMs;
    if (upload->layoutChunk <= 0) {
        *error = QStringLiteral("bad layout chunk");
        return nullptr;
    }

    // Replay the journal; a torn last line (crash mid-append) is simply not a stored part.
    QFile journal(dir + QStringLiteral("/parts.log"));
    if (journal.open(QIODevice::ReadOnly)) {
        while (!journal.atEnd()) {
            const QJsonObject line = QJsonDocument::fromJson(journal.readLine()).object();
            const int number = line.value(QStringLiteral("n")).toInt();
            if (number <= 0)
                continue;
            upload->lastActivityMs
                = qMax(upload->lastActivityMs, line.value(QStringLiteral("ts")).toInteger());
            if (line.value(QStringLiteral("removed")).toBool()) {
                upload->parts.erase(number);
                continue;
            }
            StoredPart part;
            part.size = line.value(QStringLiteral("size")).toInteger();
            part.etag = line.value(QStringLiteral("etag")).toString().toLatin1();
            part.inPlace = line.value(QStringLiteral("in_place")).toBool(true);
            upload->parts[number] = part;
        }
    }
    // Drop parts whose bytes are not there (e.g. the state dir was copied without them).
    const qint64 dataSize = QFileInfo(upload->dataPath()).size();
    for (auto it = upload->parts.begin(); it != upload->parts.end();) {
        const qint64 end = (it->first - 1) * upload->layoutChunk + it->second.size;
        const bool present = it->second.inPlace
            ? dataSize >= end
            : QFileInfo(upload->partPath(it->first)).size() == it->second.size;
        it = present ? std::next(it) : upload->parts.erase(it);
    }
    for (const QString &stale : QDir(dir).entryList({QStringLiteral("*.tmp")}, QDir::Files))
        QFile::remove(dir + QLatin1Char('/') + stale);
    return upload;
}

int MultipartUpload::dataFd(QString *error)
{
    if (m_dataFd < 0) {
        m_dataFd
            = ::open(QFile::encodeName(dataPath()).constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_dataFd < 0 && error)
            *error = QString::fromLocal8Bit(std::strerror(errno));
    }
    return m_dataFd;
}

bool MultipartUpload::journalPart(int number, const StoredPart *part, QString *error)
{
    lastActivityMs = QDateTime::currentMSecsSinceEpoch();
    QJsonObject line {{QStringLiteral("n"), number}, {QStringLiteral("ts"), lastActivityMs}};
    if (part) {
        line.insert(QStringLiteral("size"), part->size);
        line.insert(QStringLiteral("etag"), QString::fromLatin1(part->etag));
        line.insert(QStringLiteral("in_place"), part->inPlace);
    } else {
        line.insert(QStringLiteral("removed"), true);
    }
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    // One append-mode write per line: lines never interleave and a crash tears at most the last.
    const int fd = ::open(QFile::encodeName(dir + QStringLiteral("/parts.log")).constData(),
                          O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    const bool ok = fd >= 0 && ::write(fd, bytes.constData(), size_t(bytes.size())) == bytes.size();
    if (!ok && error)
        *error = QStringLiteral("cannot journal part: %1")
                     .arg(QString::fromLocal8Bit(std::strerror(errno)));
    if (fd >= 0)
        ::close(fd);
    return ok;
}

QList<QPair<int, QByteArray>> MultipartUpload::storedEtags()
{
    std::lock_guard lock(mutex);
    QList<QPair<int, QByteArray>> out;
    for (const auto &[number, part] : parts)
        out.append({number, part.etag});
    return out;
}

void MultipartUpload::resetHashIfCovers(int number)
{
    if (number <= m_hashedThrough) {
        m_prefix.reset();
        m_hashedThrough = 0;
    }
}

void MultipartUpload::advanceHash()
{
    std::lock_guard hashLock(hashMutex);
    for (;;) {
        const int next = m_hashedThrough + 1;
        int fd = -1;
        {
            std::lock_guard lock(mutex);
            const auto it = parts.find(next);
            if (gone || it == parts.end() || !it->second.inPlace || it->second.size != layoutChunk)
                return;
            fd = dataFd(nullptr);
        }
        if (fd < 0
            || !Digest::hashRange(fd, (next - 1) * layoutChunk, layoutChunk, &m_prefix, nullptr,
                                  nullptr)) {
            m_prefix.reset();
            m_hashedThrough = 0;
            return;
        }
        m_hashedThrough = next;
    }
}

QByteArray MultipartUpload::finishInPlaceMd5(int lastPart, qint64 lastSize, QString *error)
{
    std::lock_guard hashLock(hashMutex);
    int fd = -1;
    {
        std::lock_guard lock(mutex);
        fd = dataFd(error);
    }
    if (fd < 0)
        return {};
    if (m_hashedThrough > lastPart) { // parts beyond the listed ones were hashed: start over
        m_prefix.reset();
        m_hashedThrough = 0;
    }
    qCDebug(lcStore) << "complete" << id << "prefix already hashed through part" << m_hashedThrough
                     << "of" << lastPart;
    bool ok = true;
    for (int part = m_hashedThrough + 1; ok && part <= lastPart; ++part) {
        const qint64 length = part == lastPart ? lastSize : layoutChunk;
        ok = Digest::hashRange(fd, (part - 1) * layoutChunk, length, &m_prefix, nullptr, error);
    }
    const QByteArray result = ok ? m_prefix.hexResult() : QByteArray();
    m_prefix.reset();
    m_hashedThrough = 0;
    return result;
}

} // namespace fal::emulator
