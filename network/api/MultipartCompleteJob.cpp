#include "network/api/MultipartCompleteJob.h"

#include "network/api/FilesClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

namespace {
// The server assembles and hashes the whole file before it answers.
constexpr int kCompleteTimeoutMs = 15 * 60 * 1000;
} // namespace

MultipartCompleteJob::MultipartCompleteJob(FilesClient *client, const RemotePath &target,
                                           const QString &uploadId, const QMap<int, QString> &parts,
                                           QObject *parent)
    : ApiJob(client, parent), m_target(target), m_uploadId(uploadId), m_parts(parts)
{
}

QNetworkReply *MultipartCompleteJob::sendAttempt()
{
    QJsonArray parts; // QMap iterates in key order: sorted by part number, as the API wants
    for (auto it = m_parts.cbegin(); it != m_parts.cend(); ++it)
        parts.append(QJsonObject {{QStringLiteral("part_number"), it.key()},
                                  {QStringLiteral("etag"), it.value()}});
    QNetworkRequest request
        = client()->request(QStringLiteral("/files/file/multipart"), m_target,
                            QLatin1Char('/') + m_uploadId + QStringLiteral("/complete"));
    client()->allowSlowAnswer(request, kCompleteTimeoutMs);
    return postJson(request, QJsonObject {{QStringLiteral("parts"), parts}});
}

void MultipartCompleteJob::handleSuccess(QNetworkReply *reply)
{
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    m_etag = answer.value(QLatin1String("etag")).toString().remove(QLatin1Char('"')).toLower();
    if (m_etag.isEmpty()) {
        fail(ApiError::make(
            ApiError::Kind::Protocol,
            QStringLiteral("the server did not give the file's etag after completing it")));
        return;
    }
    succeed();
}
