#include "MultipartPartJob.h"

#include "FileSliceDevice.h"
#include "FilesClient.h"

#include <QHttpMultiPart>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

MultipartPartJob::MultipartPartJob(FilesClient *client, const RemotePath &target, const QString &uploadId,
                                   int partNumber, const QString &localPath, qint64 offset, qint64 length,
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

QNetworkReply *MultipartPartJob::sendAttempt()
{
    auto *form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    auto *slice = new FileSliceDevice(m_localPath, m_offset, m_length, form);
    if (!slice->open(QIODevice::ReadOnly)) {
        const QString why = slice->errorString();
        delete form;
        fail(ApiError::make(ApiError::Kind::Local, QStringLiteral("Cannot read part %1 of %2: %3").arg(m_partNumber).arg(m_localPath, why)));
        return nullptr;
    }
    QHttpPart part;
    part.setHeader(QNetworkRequest::ContentDispositionHeader, QByteArrayLiteral("form-data; name=\"file_upload\"; filename=\"chunk\""));
    part.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
    part.setBodyDevice(slice);
    form->append(part);
    const QString suffix = QLatin1Char('/') + m_uploadId + QLatin1Char('/') + QString::number(m_partNumber);
    QNetworkReply *reply = client()->network()->put(client()->request(QStringLiteral("/files/file/multipart"), m_target, suffix), form);
    form->setParent(reply);
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64 total) {
        const qint64 overhead = qMax<qint64>(0, total - m_length);
        Q_EMIT progress(qBound<qint64>(0, sent - overhead, m_length), m_length);
    });
    return reply;
}

void MultipartPartJob::handleSuccess(QNetworkReply *reply)
{
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    m_etag = answer.value(QLatin1String("etag")).toString().remove(QLatin1Char('"')).toLower();
    if (m_etag.isEmpty()) {
        fail(ApiError::make(ApiError::Kind::Protocol, QStringLiteral("the server did not give an etag for part %1").arg(m_partNumber)));
        return;
    }
    succeed();
}
