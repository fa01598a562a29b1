#pragma once

#include "network/account/ConnectionSettings.h"
#include "network/account/Credentials.h"
#include "network/api/ApiSurface.h"
#include "network/api/OutageBudget.h"
#include "network/api/RemotePath.h"
#include "network/api/RetryPolicy.h"

#include <QNetworkRequest>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

class QNetworkAccessManager;
class QThreadPool;
class PartBufferPool;
class BandwidthLimiter;

// The fal files REST client: the endpoint, the key, and the one QNetworkAccessManager every job
// of this client shares (so connections are pooled). Jobs (ListJob, DownloadJob, ...) are small
// objects made per request; they ask this class for ready-made requests.
class FilesClient : public QObject
{
    Q_OBJECT
public:
    // `network` may be shared with other clients; when null the client makes its own.
    explicit FilesClient(QNetworkAccessManager *network = nullptr, QObject *parent = nullptr);

    // Refuses plain http:// to anything but loopback; returns false with a reason. Also picks the
    // surface the endpoint names (ApiSurface::forEndpoint) unless setSurface() decided it.
    bool setEndpoint(const QUrl &endpoint, QString *whyNot = nullptr);
    QUrl endpoint() const { return m_endpoint; }
    // Forces a surface whatever the endpoint looks like (--api).
    void setSurface(const ApiSurface &surface);
    const ApiSurface &surface() const { return m_surface; }
    void setCredentials(const Credentials &credentials);
    const Credentials &credentials() const { return m_credentials; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    // No byte moving for this long aborts a request (and counts as a transient Timeout).
    void setInactivityTimeoutMs(int ms) { m_inactivityTimeoutMs = ms; }
    int inactivityTimeoutMs() const { return m_inactivityTimeoutMs; }
    // How long the service may be out of reach before retries stop (see OutageBudget); every
    // job of this client reports to it and asks it.
    OutageBudget &outage() { return m_outage; }
    const OutageBudget &outage() const { return m_outage; }
    // Where jobs of this client parse answers (ListJob). The global pool unless set: the engine's
    // client uses TransferWorkers, so that its threads (and their lowered priority) stay apart
    // from the pool the UI's own listings use.
    void setWorkerPool(QThreadPool *pool) { m_workerPool = pool; }
    QThreadPool *workerPool() const;

    QNetworkAccessManager *network() const { return m_network; }
    // Recycled multipart part bodies; shared so a worker still reading a part keeps it alive.
    std::shared_ptr<PartBufferPool> partBuffers() const { return m_partBuffers; }
    // The bandwidth limits every upload and download of this client shares (unlimited unless
    // set): one token bucket per direction, so the limit holds for all transfers together.
    // Shared pointers: a request body Qt still reads after its job is gone keeps its limiter.
    std::shared_ptr<BandwidthLimiter> uploadLimiter() const { return m_uploadLimiter; }
    std::shared_ptr<BandwidthLimiter> downloadLimiter() const { return m_downloadLimiter; }
    // Bytes per second, 0 = unlimited; running transfers follow within a fraction of a second.
    void setBandwidthLimits(qint64 uploadBytesPerSecond, qint64 downloadBytesPerSecond);

    // A request for `route` + the encoded relative path + `suffix`, e.g.
    // request("/files/list", path) or request("/files/file/multipart", path, "/" + id + "/3").
    // Routes are named as on the REST surface; the Platform surface's are derived from them.
    QNetworkRequest request(const QString &route, const RemotePath &path,
                            const QString &suffix = {}, const QUrlQuery &query = {}) const;
    // For a request the server may answer slowly on purpose (hashing many GB, fetching a URL,
    // assembling parts): `wantedMs` of silence are allowed, but never more than what is left of
    // the outage budget (a second at least), so --retry-for holds against a silent server too.
    void allowSlowAnswer(QNetworkRequest &request, int wantedMs) const;

Q_SIGNALS:
    void credentialsChanged();

private:
    QNetworkAccessManager *m_network = nullptr;
    QUrl m_endpoint;
    ApiSurface m_surface;
    bool m_surfaceForced = false;
    Credentials m_credentials;
    RetryPolicy m_retryPolicy;
    int m_inactivityTimeoutMs = 60'000;
    OutageBudget m_outage;
    std::shared_ptr<PartBufferPool> m_partBuffers;
    std::shared_ptr<BandwidthLimiter> m_uploadLimiter;
    std::shared_ptr<BandwidthLimiter> m_downloadLimiter;
    QThreadPool *m_workerPool = nullptr;
};
