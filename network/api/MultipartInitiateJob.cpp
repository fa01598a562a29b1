#include "network/api/MultipartInitiateJob.h"

#include "network/api/FilesClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>

MultipartInitiateJob::MultipartInitiateJob(FilesClient *client, const RemotePath &target,
                                           qint64 partSize, qint64 fileSize,
                                           const QString &contentMd5, QObject *parent)
    : ApiJob(client, parent)
    , m_target(target)
    , m_partSize(partSize)
    , m_fileSize(fileSize)
    , m_contentMd5(contentMd5)
{
}

QNetworkReply *MultipartInitiateJob::sendAttempt()
{
    QJsonObject body {{QStringLiteral("chunk_size"), double(m_partSize)},
                      {QStringLiteral("size"), double(m_fileSize)}};
    if (!m_contentMd5.isEmpty())
        body.insert(QStringLiteral("content_md5"), m_contentMd5);
    return postJson(client()->request(QStringLiteral("/files/file/multipart"), m_target,
                                      QStringLiteral("/initiate")),
                    body);
}

void MultipartInitiateJob::handleSuccess(QNetworkReply *reply)
{
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    const QString id = answer.value(QLatin1String("upload_id")).toString();
    // The id goes back into URL paths: accept only what cannot change the route.
    static const QRegularExpression safeId(QStringLiteral("^[A-Za-z0-9._~-]{1,200}$"));
    if (!safeId.match(id).hasMatch()) {
        fail(ApiError::make(ApiError::Kind::Protocol,
                            QStringLiteral("the server gave no usable upload id")));
        return;
    }
    m_uploadId = id;
    for (const QJsonValue &value : answer.value(QLatin1String("parts")).toArray()) {
        const QJsonObject part = value.toObject();
        const int number = part.value(QLatin1String("part_number")).toInt();
        const QString etag
            = part.value(QLatin1String("etag")).toString().remove(QLatin1Char('"')).toLower();
        if (number >= 1 && !etag.isEmpty())
            m_storedParts.insert(number, etag);
    }
    succeed();
}
