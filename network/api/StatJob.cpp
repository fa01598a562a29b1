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
    if (client()->surface().isPlatform()) {
        // The Platform surface has no stat: the parent's listing holds the entry (and no
        // checksums; callers that need one ask ApiSurface::supports(Checksum) first).
        return client()->network()->get(
            client()->request(QStringLiteral("/files/list"), m_path.parent()));
    }
    QUrlQuery query;
    if (m_withChecksum)
        query.addQueryItem(QStringLiteral("calculate_checksum"), QStringLiteral("true"));
    QNetworkRequest request
        = client()->request(QStringLiteral("/files/file/exists"), m_path, {}, query);
    if (m_withChecksum)
        client()->allowSlowAnswer(request,
                                  qMax(client()->inactivityTimeoutMs(),
                                       10 * 60 * 1000)); // hashing many GB
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return client()->network()->post(request, QByteArray());
}

void StatJob::handleSuccess(QNetworkReply *reply)
{
    if (client()->surface().isPlatform()) {
        findInListing(reply->readAll());
        return;
    }
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

void StatJob::findInListing(const QByteArray &listing)
{
    QString error;
    const auto entries = FileSpec::parseList(listing, &error);
    if (!entries) {
        fail(ApiError::make(ApiError::Kind::Protocol, error));
        return;
    }
    for (const FileSpec &entry : *entries) {
        if (entry.path == m_path) {
            m_spec = entry;
            succeed();
            return;
        }
    }
    ApiError missing = ApiError::make(ApiError::Kind::NotFound,
                                      QStringLiteral("%1 does not exist").arg(m_path.absolute()));
    missing.httpStatus = 404;
    fail(missing);
}
