#include "network/api/DownloadJob.h"

#include "network/api/ApiLog.h"
#include "network/api/FilesClient.h"
#include "network/io/BandwidthLimiter.h"
#include "network/io/FileHasher.h"
#include "network/io/TransferWorkers.h"
#include "network/text/TextFormat.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QTimer>
#include <QtConcurrent>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>
#include <utility>

namespace {
// Bytes are taken out of the reply as they arrive (readyRead) and handed to a ChunkWriter, which
// writes them on its own thread: this thread never waits on the disk. Memory stays bounded at
// both ends: Qt's network thread stops reading the socket once kReplyCap bytes wait unread in the
// reply (TCP then slows the sender), and this job stops taking bytes from the reply while the
// writer is kHighWater behind the network. The cap sets the peak memory: 1 GiB through the GUI's
// engine (5 runs each) peaked at 50-66 MB with 8 MiB, 60-89 MB with 16 MiB, 66-120 MB with
// 32 MiB, and 8 MiB was also the fastest (600-790 MiB/s against 330-720).
// The price: Qt 6.4 drops the bytes still in the socket when a server closes the connection of a
// reply that is at its cap (a later Qt fixed the channel's error path), and the resume fetches
// them again. That takes a client ~12 MiB behind its network at the moment of a drop (measured
// on a starved machine: 1.25-1.5 MiB fetched twice); while the reader keeps up, nothing is lost.
constexpr qint64 kHighWater = 4 * 1024 * 1024;
constexpr qint64 kLowWater = 1 * 1024 * 1024;
} // namespace

QString DownloadJob::tempPathFor(const QString &targetPath)
{
    const QFileInfo target(targetPath);
    const QString name = target.fileName();
    const QString stem = RemotePath::truncatedName(name, 100);
    const QByteArray hash
        = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return target.absolutePath() + QStringLiteral("/.") + stem + QStringLiteral(".falpart\\")
        + QString::fromLatin1(hash);
}

DownloadJob::DownloadJob(FilesClient *client, const RemotePath &source, const QString &targetPath,
                         QObject *parent)
    : ApiJob(client, parent), m_source(source), m_targetPath(targetPath)
{
}

bool DownloadJob::openTemp(ApiError *error)
{
    const QFileInfo target(m_targetPath);
    if (!QDir().mkpath(target.absolutePath())) {
        *error = ApiError::make(
            ApiError::Kind::Local,
            QStringLiteral("Cannot create the folder %1").arg(target.absolutePath()));
        return false;
    }
    m_writer = std::make_unique<ChunkWriter>();
    QString why;
    m_offset = m_writer->open(tempPath(), &why);
    if (m_offset < 0) {
        *error = ApiError::make(
            ApiError::Kind::Local,
            m_writer->isLockedByOther()
                ? QStringLiteral("%1 is already being downloaded by another fal Files process")
                      .arg(m_targetPath)
                : QStringLiteral("Cannot write %1: %2").arg(m_targetPath, why));
        m_writer.reset();
        return false;
    }
    connect(m_writer.get(), &ChunkWriter::progressed, this, &DownloadJob::onWriterProgress);
    connect(m_writer.get(), &ChunkWriter::failed, this, [this](const QString &why) {
        // What is on disk stays a correct prefix: the download can resume once there is room.
        abortWithLocalError(QStringLiteral("Cannot write %1: %2").arg(m_targetPath, why));
        if (!currentReply() && m_finishing)
            fail(m_localError);
    });
    connect(m_writer.get(), &ChunkWriter::drained, this, &DownloadJob::onWriterDrained);
    setProgressMark(m_offset);
    if (m_offset > 0 && m_validator.isEmpty()) {
        // Bytes from an unknown version of the file: useless.
        restartFile();
        Q_EMIT restarted(QStringLiteral("the partial file has no recorded server version"));
    }
    return true;
}

void DownloadJob::restartFile()
{
    m_writer->truncate(0);
    m_offset = 0;
}

void DownloadJob::onWriterProgress(qint64 written)
{
    Q_UNUSED(written)
    QNetworkReply *reply = currentReply();
    if (!reply || m_writer->pending() >= kLowWater)
        return;
    if (reply->bytesAvailable() > 0)
        writeAvailable(reply, kReadBudgetBytes); // what waited while the disk caught up
}

QNetworkReply *DownloadJob::sendAttempt()
{
    ApiError error;
    if (!m_writer && !openTemp(&error)) {
        fail(error);
        return nullptr;
    }
    m_headersHandled = false;
    QNetworkRequest request = client()->request(QStringLiteral("/files/file"), m_source);
    if (m_offset > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(m_offset) + '-');
        request.setRawHeader("If-Range", m_validator.toUtf8());
        if (m_resumedFrom < 0)
            m_resumedFrom = m_offset;
        qCInfo(lcNetwork) << "resuming download of" << m_source.absolute() << "at byte" << m_offset;
    }
    // After a server drops a connection mid-body, Qt 6.4 sometimes re-sends the same request on
    // its own ("unexpected EOF" handling) while also reporting the error to us; the bytes of that
    // ghost request are fetched and thrown away. Measured against the emulator's drop fault, a
    // non-persistent connection for large downloads makes this rare (1 in 15 runs, 0 bytes)
    // instead of common (5 in 12, megabytes). Small files keep the connection for the next one.
    if (m_expectedSize < 0 || m_expectedSize > kChunkBytes)
        request.setRawHeader("Connection", "close");
    QNetworkReply *reply = client()->network()->get(request);
    m_pacedRate = -1;
    applyReadBuffer(reply);
    connect(reply, &QNetworkReply::readyRead, this,
            [this, reply] { writeAvailable(reply, kReadBudgetBytes); });
    return reply;
}

bool DownloadJob::handleHeaders(QNetworkReply *reply)
{
    if (m_headersHandled)
        return true;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200 && status != 206)
        return false; // an error body: ApiJob reads it when the reply finishes
    m_headersHandled = true;
    const QString etag = QString::fromUtf8(reply->rawHeader("ETag"));
    if (status == 206) {
        static const QRegularExpression range(QStringLiteral("^bytes (\\d+)-(\\d+)/(\\d+)$"));
        const auto match = range.match(QString::fromLatin1(reply->rawHeader("Content-Range")));
        if (!match.hasMatch() || match.captured(1).toLongLong() != m_offset) {
            m_localError = ApiError::make(
                ApiError::Kind::Protocol,
                QStringLiteral("the server sent a different byte range than asked"));
            reply->abort();
            return false;
        }
        m_total = match.captured(3).toLongLong();
    } else {
        if (m_offset > 0) {
            Q_EMIT restarted(QStringLiteral("the file changed on the server; starting it over"));
            restartFile();
        }
        m_total = reply->header(QNetworkRequest::ContentLengthHeader).isValid()
            ? reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
            : -1;
    }
    if (m_expectedSize >= 0 && m_total >= 0 && m_total != m_expectedSize) {
        // The listing promised one size, the server now sends another: the file changed, or the
        // server is not to be trusted. Nothing of it is kept; a retry may take the new size.
        m_localError = ApiError::make(
            ApiError::Kind::Integrity,
            QStringLiteral("%1 changed on the server: listed with %2, now %3. Retry to "
                           "download it as it is now")
                .arg(m_source.absolute(), TextFormat::byteCount(m_expectedSize),
                     TextFormat::byteCount(m_total)));
        Q_EMIT sizeChanged(m_total);
        restartFile();
        reply->abort();
        return false;
    }
    if (m_total > m_offset) {
        const QStorageInfo storage(QFileInfo(tempPath()).absolutePath());
        if (storage.isValid() && storage.bytesAvailable() >= 0
            && storage.bytesAvailable() < m_total - m_offset) {
            m_localError = ApiError::make(
                ApiError::Kind::Local,
                QStringLiteral("Not enough disk space for %1: it needs %2 more bytes, %3 are free")
                    .arg(m_targetPath, QString::number(m_total - m_offset),
                         QString::number(storage.bytesAvailable())));
            reply->abort();
            return false;
        }
    }
    if (!etag.isEmpty() && etag != m_validator) {
        m_validator = etag;
        Q_EMIT validatorKnown(etag, m_total);
    }
    return true;
}

void DownloadJob::writeAvailable(QNetworkReply *reply, qint64 budget)
{
    if (!handleHeaders(reply) || m_localError.isError())
        return;
    qint64 takenNow = 0;
    while (reply->bytesAvailable() > 0) {
        if (budget >= 0 && m_writer->pending() > kHighWater)
            break; // the disk is behind: the bytes wait in the (capped) reply; onWriterProgress
                   // resumes
        if (budget >= 0 && takenNow >= budget) {
            // Give the event loop a turn (the UI thread runs this) and go on right after.
            QPointer<QNetworkReply> guard(reply);
            QMetaObject::invokeMethod(
                this,
                [this, guard] {
                    if (guard && guard == currentReply())
                        writeAvailable(guard, kReadBudgetBytes);
                },
                Qt::QueuedConnection);
            break;
        }
        qint64 want = qMin<qint64>(reply->bytesAvailable(), kChunkBytes);
        if (budget >= 0 && !takeBandwidth(reply, &want))
            break; // over the bandwidth limit: the pace timer comes back
        QByteArray chunk = reply->read(want);
        const qint64 size = chunk.size();
        if (refuseExtra(size)) {
            reply->abort();
            return;
        }
        if (budget < 0) // the reply's last bytes, taken at once: counted all the same
            client()->downloadLimiter()->consume(size);
        m_writer->append(std::move(chunk));
        m_offset += size;
        m_receivedThisRun += size;
        takenNow += size;
        madeProgress(m_offset);
    }
    Q_EMIT progress(m_offset, m_total);
}

bool DownloadJob::refuseExtra(qint64 size)
{
    const qint64 limit = m_expectedSize >= 0 ? m_expectedSize : m_total;
    if (limit < 0 || m_offset + size <= limit)
        return false;
    // Stopped, and what came is thrown away (it cannot be told from the rest).
    m_localError = ApiError::make(ApiError::Kind::Integrity,
                                  QStringLiteral("the server sent more than the %1 of %2; the "
                                                 "download was stopped and discarded")
                                      .arg(TextFormat::byteCount(limit), m_source.absolute()));
    restartFile();
    return true;
}

void DownloadJob::abortWithLocalError(const QString &message)
{
    m_localError = ApiError::make(ApiError::Kind::Local, message);
    if (QNetworkReply *reply = currentReply())
        reply->abort();
}

ApiError DownloadJob::reviewError(const ApiError &error)
{
    qCDebug(lcNetwork) << "download of" << m_source.absolute() << "stopped at byte" << m_offset
                       << ":" << error.message();
    if (m_localError.isError()) {
        const ApiError local = m_localError;
        m_localError = ApiError();
        return local; // not transient: a person has to make room or fix permissions
    }
    if (error.httpStatus == 416) {
        // We asked for bytes past the end: the temp file is longer than the server's file.
        restartFile();
        Q_EMIT restarted(QStringLiteral("the partial file is longer than the file on the server"));
        ApiError retry = ApiError::make(ApiError::Kind::Network,
                                        QStringLiteral("range not satisfiable; restarting"));
        return retry;
    }
    return error;
}

void DownloadJob::resetAttempt()
{
    m_headersHandled = false;
    m_tail.clear();
    m_tailAt = 0;
    m_successWaits = false;
}

void DownloadJob::handleSuccess(QNetworkReply *)
{
    if (m_localError.isError()) {
        fail(m_localError);
        return;
    }
    if (!m_headersHandled) {
        fail(ApiError::make(ApiError::Kind::Protocol,
                            QStringLiteral("unexpected answer to a download")));
        return;
    }
    if (m_tailAt < m_tail.size()) { // the last bytes go in at the limit's pace first
        m_successWaits = true;
        drainTail();
        return;
    }
    if (m_total >= 0 && m_offset != m_total) {
        // The connection closed early without an error from Qt: resume.
        failAttempt(
            ApiError::make(ApiError::Kind::Network,
                           QStringLiteral("the connection closed after %1 of %2")
                               .arg(QString::number(m_offset), TextFormat::byteCount(m_total))));
        return;
    }
    finishFile();
}
