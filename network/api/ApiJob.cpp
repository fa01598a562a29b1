#include "network/api/ApiJob.h"

#include "network/api/ApiLog.h"
#include "network/api/FilesClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>

ApiJob::ApiJob(FilesClient *client, QObject *parent) : Job(parent), m_client(client)
{
    setAutoDelete(true);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiJob::sendNext);
}

ApiJob::~ApiJob()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void ApiJob::doStart()
{
    // Start from the event loop so that callers can connect signals after start() too.
    QMetaObject::invokeMethod(this, &ApiJob::sendNext, Qt::QueuedConnection);
}

void ApiJob::doCancel()
{
    m_cancelled = true;
    m_retryTimer.stop();
    if (m_reply)
        m_reply->abort(); // finishes through onReplyFinished, which keeps what did arrive
    if (!isFinished())
        fail(ApiError::make(ApiError::Kind::Cancelled, QString()));
}

void ApiJob::sendNext()
{
    if (isFinished())
        return;
    if (m_cancelled) {
        fail(ApiError::make(ApiError::Kind::Cancelled, QString()));
        return;
    }
    ++m_attempts;
    m_attemptSentAtMs = QDateTime::currentMSecsSinceEpoch();
    QNetworkReply *reply = sendAttempt();
    if (!reply)
        return; // the subclass already called fail() or succeed()
    m_reply = reply;
    connect(reply, &QNetworkReply::finished, this, &ApiJob::onReplyFinished);
    // Bytes going up show the way to the service is open: a long upload that breaks after
    // minutes is not minutes of outage (see OutageBudget::noteActivity).
    connect(reply, &QNetworkReply::uploadProgress, this, [this](qint64 sent, qint64) {
        if (sent > 0)
            m_client->outage().noteActivity();
    });
}

ApiError ApiJob::errorFromReply(QNetworkReply *reply, bool cancelled)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status >= 300)
        return ApiError::fromHttp(status, reply->readAll(), reply->rawHeader("Retry-After"),
                                  reply->rawHeader("Location"));
    switch (reply->error()) {
    case QNetworkReply::NoError:
        return ApiError::make(ApiError::Kind::Protocol,
                              QStringLiteral("the server answered without an HTTP status"));
    case QNetworkReply::OperationCanceledError:
        // Our own cancel() or the transfer (inactivity) timeout.
        return cancelled
            ? ApiError::make(ApiError::Kind::Cancelled, QString())
            : ApiError::make(ApiError::Kind::Timeout, QStringLiteral("no data moved for too long"));
    case QNetworkReply::TimeoutError:
        return ApiError::make(ApiError::Kind::Timeout, reply->errorString());
    default:
        return ApiError::make(ApiError::Kind::Network, reply->errorString());
    }
}

void ApiJob::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || reply != sender())
        return;
    reply->deleteLater();
    m_reply = nullptr;
    if (isFinished())
        return;

    replyFinishing(reply);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (!m_cancelled && reply->error() == QNetworkReply::NoError && isSuccessStatus(status)) {
        m_client->outage().noteReachable();
        handleSuccess(reply);
        return;
    }
    if (!m_cancelled && status > 0 && status < 300 && reply->error() != QNetworkReply::NoError) {
        // The body broke off after a good status line (a dropped connection mid-download).
        failAttempt(reviewError(ApiError::make(ApiError::Kind::Network, reply->errorString())));
        return;
    }
    failAttempt(reviewError(errorFromReply(reply, m_cancelled)));
}

void ApiJob::failAttempt(const ApiError &error)
{
    if (isFinished())
        return;
    if (!error.isError()) {
        succeed();
        return;
    }
    OutageBudget &outage = m_client->outage();
    if (error.isTransient())
        outage.noteUnreachable(error, m_attemptSentAtMs);
    else if (error.httpStatus > 0)
        outage.noteReachable(); // a 404 or a 409 is an answer: the service is there
    int delay = m_cancelled ? -1 : m_client->retryPolicy().delayBeforeRetry(error, m_attempts);
    if (delay >= 0 && error.isTransient())
        delay = outage.clampDelay(delay); // never waits past the budget; -1 once it is spent
    if (delay < 0) {
        fail(error);
        return;
    }
    qCInfo(lcNetwork).noquote() << metaObject()->className() << "attempt" << m_attempts
                                << "failed:" << error.message() << "- retrying in" << delay << "ms";
    resetAttempt();
    if (error.isTransient())
        outage.noteRetryAt(QDateTime::currentMSecsSinceEpoch() + delay);
    Q_EMIT retrying(m_attempts + 1, delay, error);
    m_retryTimer.start(delay);
}

void ApiJob::succeed()
{
    m_error = ApiError();
    finish();
}

void ApiJob::fail(const ApiError &error)
{
    m_error = error.isError()
        ? error
        : ApiError::make(ApiError::Kind::Protocol, QStringLiteral("unknown failure"));
    finish();
}

void ApiJob::finish()
{
    if (isFinished())
        return;
    m_retryTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
        m_reply = nullptr;
    }
    cleanup();
    finishWith(m_error);
}

QNetworkReply *ApiJob::postJson(const QNetworkRequest &request, const QJsonObject &body)
{
    QNetworkRequest jsonRequest(request);
    jsonRequest.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    return m_client->network()->post(jsonRequest,
                                     QJsonDocument(body).toJson(QJsonDocument::Compact));
}

void ApiJob::succeedIfTrue(QNetworkReply *reply)
{
    const QByteArray body = reply->readAll().trimmed();
    if (body == "true") {
        succeed();
        return;
    }
    fail(ApiError::make(
        ApiError::Kind::Protocol,
        QStringLiteral("expected 'true', got '%1'").arg(QString::fromUtf8(body.left(100)))));
}

void ApiJob::madeProgress(qint64 highWater)
{
    if (highWater <= m_highWater)
        return; // bytes seen before: a server restarting the body is not progress
    m_highWater = highWater;
    m_client->outage().noteReachable();
    if (m_attempts > 1 && m_progressRefunds < kMaxProgressRefunds) {
        ++m_progressRefunds;
        m_attempts = 1;
    }
}
