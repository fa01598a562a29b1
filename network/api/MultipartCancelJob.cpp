#include "network/api/MultipartCancelJob.h"

#include "network/api/FilesClient.h"

#include <QJsonObject>

MultipartCancelJob::MultipartCancelJob(FilesClient *client, const RemotePath &target,
                                       const QString &uploadId, QObject *parent)
    : ApiJob(client, parent), m_target(target), m_uploadId(uploadId)
{
}

QNetworkReply *MultipartCancelJob::sendAttempt()
{
    return postJson(client()->request(QStringLiteral("/files/file/multipart"), m_target,
                                      QLatin1Char('/') + m_uploadId + QStringLiteral("/cancel")),
                    QJsonObject());
}
