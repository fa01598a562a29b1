#include "network/api/DirHashJob.h"

#include "network/api/FilesClient.h"

#include <QJsonObject>
#include <QNetworkReply>

DirHashJob::DirHashJob(FilesClient *client, const RemotePath &folder, const QString &sha256Hex,
                       QObject *parent)
    : ApiJob(client, parent), m_folder(folder), m_hash(sha256Hex.toLower())
{
}

QNetworkReply *DirHashJob::sendAttempt()
{
    return postJson(client()->request(QStringLiteral("/files/dir/check_hash"), m_folder),
                    QJsonObject {{QStringLiteral("hash"), m_hash}});
}

void DirHashJob::handleSuccess(QNetworkReply *reply)
{
    const QByteArray body = reply->readAll().trimmed();
    if (body != "true" && body != "false") {
        fail(ApiError::make(ApiError::Kind::Protocol,
                            QStringLiteral("expected true or false, got '%1'")
                                .arg(QString::fromUtf8(body.left(100)))));
        return;
    }
    m_matches = body == "true";
    succeed();
}
