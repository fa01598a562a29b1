#include "network/api/StatJob.h"

#include "network/api/FilesClient.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

StatJob::StatJob(FilesClient *client, const RemotePath &path, bool withChecksum, QObject *parent)
    : ApiJob(client, parent), m_path(path), m_withChecksum(withChecksum)
{
}

QNetworkReply *StatJob::sendAttempt()
{
    QUrlQuery query;
    if (m_withChecksum)
        query.addQueryItem(QStringLiteral("calculate_checksum"), QStringLiteral("true"));
    QNetworkRequest request
        = client()->request(QStringLiteral("/files/file/exists"), m_path, {}, query);
    if (m_withChecksum)
        request.setTransferTimeout(
            qMax(client()->inactivityTimeoutMs(), 10 * 60 * 1000)); // hashing many GB
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return client()->network()->post(request, QByteArray());
}

void StatJob::handleSuccess(QNetworkReply *reply)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(reply->readAll(), &parseError);
    QString error;
    auto spec = document.isObject() ? FileSpec::fromJson(document.object(), &error) : std::nullopt;
    if (!spec) {
        fail(ApiError::make(ApiError::Kind::Protocol,
                            error.isEmpty() ? QStringLiteral("the answer is not a file description")
                                            : error));
        return;
    }
    if (spec->path != m_path) {
        fail(ApiError::make(ApiError::Kind::Protocol,
                            QStringLiteral("asked about %1, the answer describes %2")
                                .arg(m_path.absolute(), spec->path.absolute())));
        return;
    }
    m_spec = *spec;
    succeed();
}
