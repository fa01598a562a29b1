#include "network/api/SimpleUploadJob.h"

#include "network/api/FilesClient.h"
#include "network/api/FormEnvelope.h"
#include "network/io/UploadBodyDevice.h"
#include "network/text/TextFormat.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <memory>

SimpleUploadJob::SimpleUploadJob(FilesClient *client, const QString &localPath,
                                 const RemotePath &target, qint64 expectedSize, QObject *parent)
    : ApiJob(client, parent)
    , m_localPath(localPath)
    , m_fileName(QFileInfo(localPath).fileName())
    , m_target(target)
    , m_expectedSize(expectedSize)
{
}

SimpleUploadJob::SimpleUploadJob(FilesClient *client, const QByteArray &bytes,
                                 const QString &fileName, const RemotePath &target, QObject *parent)
    : ApiJob(client, parent), m_bytes(bytes), m_fileName(fileName), m_target(target)
{
}

QNetworkReply *SimpleUploadJob::sendAttempt()
{
    if (m_target.isRoot() && !m_unzip) {
        fail(ApiError::make(ApiError::Kind::BadRequest,
                            QStringLiteral("a file needs a name below /data")));
        return nullptr;
    }
    const FormEnvelope envelope = FormEnvelope::forFile(m_fileName);
    qint64 total = m_bytes.size();
    UploadBodyDevice *body = nullptr;
    if (!m_localPath.isEmpty()) {
        auto file = std::make_unique<QFile>(m_localPath);
        if (!file->open(QIODevice::ReadOnly)) {
            fail(ApiError::make(
                ApiError::Kind::Local,
                QStringLiteral("Cannot read %1: %2").arg(m_localPath, file->errorString())));
            return nullptr;
        }
        total = file->size();
        if (m_expectedSize >= 0 && total != m_expectedSize) {
            fail(ApiError::make(ApiError::Kind::Changed,
                                QStringLiteral("%1 changed size since it was queued (%2 → %3)")
                                    .arg(m_localPath, QString::number(m_expectedSize),
                                         TextFormat::byteCount(total))));
            return nullptr;
        }
        body = new UploadBodyDevice(envelope.head, file.release(), total, envelope.tail,
                                    client()->uploadLimiter());
    } else {
        body = new UploadBodyDevice(envelope.head, m_bytes, envelope.tail,
                                    client()->uploadLimiter());
    }

    QUrlQuery query;
    if (m_unzip)
        query.addQueryItem(QStringLiteral("unzip"), QStringLiteral("true"));
    QNetworkRequest request
        = client()->request(QStringLiteral("/files/file/local"), m_target, {}, query);
    request.setHeader(QNetworkRequest::ContentTypeHeader, envelope.contentType());
    request.setHeader(QNetworkRequest::ContentLengthHeader, body->size());
    QNetworkReply *reply = client()->network()->post(request, body);
    body->setParent(reply); // Qt reads the body until the reply is gone
    connect(reply, &QNetworkReply::uploadProgress, this,
            [this, total](qint64 sent, qint64 bodyTotal) {
                // The form adds a few hundred bytes of headers; report file bytes.
                const qint64 overhead = qMax<qint64>(0, bodyTotal - total);
                Q_EMIT progress(qBound<qint64>(0, sent - overhead, total), total);
            });
    return reply;
}
