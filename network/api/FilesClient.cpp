#include "network/api/FilesClient.h"

#include "network/io/BandwidthLimiter.h"
#include "network/io/PartBufferPool.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QThreadPool>

FilesClient::FilesClient(QNetworkAccessManager *network, QObject *parent)
    : QObject(parent)
    , m_network(network ? network : new QNetworkAccessManager(this))
    , m_partBuffers(std::make_shared<PartBufferPool>())
    , m_uploadLimiter(std::make_shared<BandwidthLimiter>())
    , m_downloadLimiter(std::make_shared<BandwidthLimiter>())
{
    // We never want a redirect to carry the Authorization header somewhere else.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

bool FilesClient::setEndpoint(const QUrl &endpoint, QString *whyNot)
{
    const auto checked = ConnectionSettings::endpointFromHost(endpoint.toString(), whyNot);
    if (!checked)
        return false;
    m_endpoint = *checked;
    if (!m_surfaceForced)
        m_surface = ApiSurface::forEndpoint(m_endpoint);
    return true;
}

void FilesClient::setBandwidthLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond)
{
    m_uploadLimiter->setRate(uploadBytesPerSecond);
    m_downloadLimiter->setRate(downloadBytesPerSecond);
}

void FilesClient::setSurface(const ApiSurface &surface)
{
    m_surface = surface;
    m_surfaceForced = true;
}

void FilesClient::setCredentials(const Credentials &credentials)
{
    m_credentials = credentials;
    Q_EMIT credentialsChanged();
}

QNetworkRequest FilesClient::request(const QString &route, const RemotePath &path,
                                     const QString &suffix, const QUrlQuery &query) const
{
    QUrl url = m_endpoint;
    QString encodedPath = m_endpoint.path(QUrl::FullyEncoded) + m_surface.route(route);
    if (!path.isRoot())
        encodedPath += QLatin1Char('/') + path.encodedForRoute();
    encodedPath += suffix;
    url.setPath(encodedPath, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(query);

    QNetworkRequest request(url);
    if (m_credentials.isValid())
        request.setRawHeader("Authorization", m_credentials.authorizationHeader());
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QStringLiteral("fal-files/%1").arg(QCoreApplication::applicationVersion()));
    // Silence counts against the outage budget too: a request never waits longer than what is
    // left of it (a second at least), so a server that accepts and says nothing ends in time.
    allowSlowAnswer(request, m_inactivityTimeoutMs);
    // Also per request: a shared QNetworkAccessManager may have been given another policy, and a
    // followed redirect would carry the Authorization header to wherever it points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    return request;
}

void FilesClient::allowSlowAnswer(QNetworkRequest &request, int wantedMs) const
{
    int timeout = wantedMs;
    if (m_outage.isLimited() && m_outage.limitMs() > 0)
        timeout = int(qBound<qint64>(1000, m_outage.remainingMs(), qint64(timeout)));
    request.setTransferTimeout(timeout);
}

QThreadPool *FilesClient::workerPool() const
{
    return m_workerPool ? m_workerPool : QThreadPool::globalInstance();
}
