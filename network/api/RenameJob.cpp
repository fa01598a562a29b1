#include "network/api/RenameJob.h"

#include "network/api/FilesClient.h"

#include <QJsonObject>

RenameJob::RenameJob(FilesClient *client, const RemotePath &from, const RemotePath &to,
                     QObject *parent)
    : ApiJob(client, parent), m_from(from), m_to(to)
{
}

QNetworkReply *RenameJob::sendAttempt()
{
    if (m_from.isRoot() || m_to.isRoot() || m_from.isAncestorOf(m_to)) {
        fail(ApiError::make(
            ApiError::Kind::BadRequest,
            QStringLiteral("cannot move %1 to %2").arg(m_from.absolute(), m_to.absolute())));
        return nullptr;
    }
    return postJson(client()->request(QStringLiteral("/files/rename"), m_from),
                    QJsonObject {{QStringLiteral("destination"), m_to.absolute()}});
}
