#include "network/api/DeleteJob.h"

#include "network/api/FilesClient.h"

#include <QNetworkAccessManager>

DeleteJob::DeleteJob(FilesClient *client, const RemotePath &path, QObject *parent)
    : ApiJob(client, parent), m_path(path)
{
}

QNetworkReply *DeleteJob::sendAttempt()
{
    if (m_path.isRoot()) {
        fail(ApiError::make(ApiError::Kind::BadRequest,
                            QStringLiteral("refusing to delete all of /data")));
        return nullptr;
    }
    return client()->network()->deleteResource(
        client()->request(QStringLiteral("/files/file"), m_path));
}

ApiError DeleteJob::reviewError(const ApiError &error)
{
    // When an earlier attempt was cut off after the server deleted, the retry finds nothing:
    // the path is gone, which is what was asked.
    if (error.kind == ApiError::Kind::NotFound && attempts() > 1)
        return {};
    return error;
}
