#include "network/api/UrlImportJob.h"

#include "network/api/FilesClient.h"

#include <QJsonObject>

namespace {
// fal's SDK waits up to ten minutes for the server to fetch the file.
constexpr int kServerFetchTimeoutMs = 10 * 60 * 1000;
} // namespace

UrlImportJob::UrlImportJob(FilesClient *client, const QUrl &source, const RemotePath &target,
                           QObject *parent)
    : ApiJob(client, parent), m_source(source), m_target(target)
{
}

bool UrlImportJob::isImportableUrl(const QUrl &url, QString *whyNot)
{
    QString why;
    if (!url.isValid())
        why = QStringLiteral("the URL is not valid");
    else if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))
        why = QStringLiteral("only http:// and https:// URLs can be imported");
    else if (url.host().isEmpty())
        why = QStringLiteral("the URL has no host");
    if (why.isEmpty())
        return true;
    if (whyNot)
        *whyNot = why;
    return false;
}

QNetworkReply *UrlImportJob::sendAttempt()
{
    QString why;
    if (!isImportableUrl(m_source, &why) || m_target.isRoot()) {
        fail(ApiError::make(ApiError::Kind::BadRequest,
                            why.isEmpty() ? QStringLiteral("choose a file name") : why));
        return nullptr;
    }
    QNetworkRequest request = client()->request(QStringLiteral("/files/file/url"), m_target);
    client()->allowSlowAnswer(request, kServerFetchTimeoutMs);
    return postJson(request,
                    QJsonObject {{QStringLiteral("url"), m_source.toString(QUrl::FullyEncoded)}});
}
