#include "network/api/MultipartPartJob.h"

#include "network/api/FilesClient.h"
#include "network/api/FormEnvelope.h"
#include "network/io/BandwidthLimiter.h"
#include "network/io/FileSliceDevice.h"
#include "network/io/PartBufferPool.h"
#include "network/io/TransferWorkers.h"
#include "network/io/UploadBodyDevice.h"

#include <QFile>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QtConcurrent>

#include <memory>

MultipartPartJob::MultipartPartJob(FilesClient *client, const RemotePath &target,
                                   const QString &uploadId, int partNumber,
                                   const QString &localPath, qint64 offset, qint64 length,
                                   QObject *parent)
    : ApiJob(client, parent)
    , m_target(target)
    , m_uploadId(uploadId)
    , m_partNumber(partNumber)
    , m_localPath(localPath)
    , m_offset(offset)
    , m_length(length)
{
}

namespace {

struct Body
{
    QByteArray bytes;
    qint64 headerBytes = 0;
    QString error;
};

// header + the part's bytes + trailer, in one recycled buffer, read straight into place.
Body readBody(const std::shared_ptr<PartBufferPool> &pool, const QString &path, qint64 offset,
              qint64 length, const QByteArray &boundary)
{
    Body body;
    const QByteArray header = "--" + boundary
        + "\r\nContent-Disposition: form-data; name=\"file_upload\"; filename=\"chunk\"\r\n"
          "Content-Type: application/octet-stream\r\n\r\n";
    const QByteArray trailer = "\r\n--" + boundary + "--\r\n";
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
        body.error = file.errorString();
        return body;
    }
    body.bytes = pool->take(header.size() + length + trailer.size());
    char *out = body.bytes.data();
    memcpy(out, header.constData(), size_t(header.size()));
    qint64 done = 0;
    while (done < length) {
        const qint64 n = file.read(out + header.size() + done, length - done);
        if (n <= 0) {
            body.error = n < 0 ? file.errorString()
                               : QStringLiteral("the file is shorter than expected (it changed)");
            pool->give(std::move(body.bytes));
            return body;
        }
        done += n;
    }
    memcpy(out + header.size() + length, trailer.constData(), size_t(trailer.size()));
    body.headerBytes = header.size();
    return body;
}

} // namespace

void MultipartPartJob::startBuffered()
{
    m_boundary = "fal-files-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    auto *watcher = new QFutureWatcher<Body>(this);
    connect(watcher, &QFutureWatcher<Body>::finished, this, [this, watcher] {
        // Taken out of the future, not copied: a copy would keep the part alive in the future's
        // result store until the watcher's deferred delete.
        Body body = watcher->future().takeResult();
        watcher->deleteLater();
        if (isFinished()) { // cancelled while reading
            client()->partBuffers()->give(std::move(body.bytes));
            return;
        }
        if (!body.error.isEmpty()) {
            fail(ApiError::make(ApiError::Kind::Local,
                                QStringLiteral("Cannot read part %1 of %2: %3")
                                    .arg(m_partNumber)
                                    .arg(m_localPath, body.error)));
            return;
        }
        m_body = std::move(body.bytes);
        m_headerBytes = body.headerBytes;
        start();
    });
    watcher->setFuture(QtConcurrent::run(TransferWorkers::pool(), readBody, client()->partBuffers(),
                                         m_localPath, m_offset, m_length, m_boundary));
}

QNetworkReply *MultipartPartJob::sendAttempt()
{
    const QString suffix
        = QLatin1Char('/') + m_uploadId + QLatin1Char('/') + QString::number(m_partNumber);
    if (!m_body.isEmpty()) {
        QNetworkRequest request
            = client()->request(QStringLiteral("/files/file/multipart"), m_target, suffix);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("multipart/form-data; boundary=" + m_boundary));
        // The reply shares the body (no copy) and owns its reference: Qt may still read the
        // device after an abort, so the bytes must live exactly as long as the reply does.
        // Under a bandwidth limit the same bytes go through a paced device (Qt's costlier path,
        // worth it only then); a limit set while an unpaced part is in flight applies from the
        // next part.
        QNetworkReply *reply = nullptr;
        if (client()->uploadLimiter()->isLimited()) {
            auto *body = new UploadBodyDevice({}, m_body, {}, client()->uploadLimiter());
            request.setHeader(QNetworkRequest::ContentLengthHeader, body->size());
            reply = client()->network()->put(request, body);
            body->setParent(reply);
        } else {
            reply = client()->network()->put(request, m_body);
        }
        connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
            Q_EMIT progress(qBound<qint64>(0, sent - m_headerBytes, m_length), m_length);
        });
        return reply;
    }
    auto slice = std::make_unique<FileSliceDevice>(m_localPath, m_offset, m_length);
    if (!slice->open(QIODevice::ReadOnly)) {
        fail(ApiError::make(ApiError::Kind::Local,
                            QStringLiteral("Cannot read part %1 of %2: %3")
                                .arg(m_partNumber)
                                .arg(m_localPath, slice->errorString())));
        return nullptr;
    }
    const FormEnvelope envelope = FormEnvelope::forFile(QStringLiteral("chunk"));
    auto *body = new UploadBodyDevice(envelope.head, slice.release(), m_length, envelope.tail,
                                      client()->uploadLimiter());
    QNetworkRequest request
        = client()->request(QStringLiteral("/files/file/multipart"), m_target, suffix);
    request.setHeader(QNetworkRequest::ContentTypeHeader, envelope.contentType());
    request.setHeader(QNetworkRequest::ContentLengthHeader, body->size());
    QNetworkReply *reply = client()->network()->put(request, body);
    body->setParent(reply); // Qt reads the body until the reply is gone
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        const qint64 overhead = qMax<qint64>(0, total - m_length);
        Q_EMIT progress(qBound<qint64>(0, sent - overhead, m_length), m_length);
    });
    return reply;
}

void MultipartPartJob::cleanup()
{
    // Up to 16 MiB: back to the pool the moment the part is done. The reply may still share it;
    // the pool hands it out again only once the reply has let go.
    if (!m_body.isNull())
        client()->partBuffers()->give(std::move(m_body));
    m_body = QByteArray();
}

void MultipartPartJob::handleSuccess(QNetworkReply *reply)
{
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    m_etag = answer.value(QLatin1String("etag")).toString().remove(QLatin1Char('"')).toLower();
    if (m_etag.isEmpty()) {
        fail(ApiError::make(
            ApiError::Kind::Protocol,
            QStringLiteral("the server did not give an etag for part %1").arg(m_partNumber)));
        return;
    }
    succeed();
}
