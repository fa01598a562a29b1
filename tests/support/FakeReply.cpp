#include "tests/support/FakeReply.h"

#include <cstring>

namespace {

// The error Qt gives a reply whose answer has this status (QNetworkReplyHttpImpl does the same
// mapping), so that code which looks at error() before the status sees what it would see live.
QNetworkReply::NetworkError errorForStatus(int status)
{
    switch (status) {
    case 400:
        return QNetworkReply::ProtocolInvalidOperationError;
    case 401:
        return QNetworkReply::AuthenticationRequiredError;
    case 403:
        return QNetworkReply::ContentAccessDenied;
    case 404:
        return QNetworkReply::ContentNotFoundError;
    case 405:
        return QNetworkReply::ContentOperationNotPermittedError;
    case 409:
        return QNetworkReply::ContentConflictError;
    case 410:
        return QNetworkReply::ContentGoneError;
    case 500:
        return QNetworkReply::InternalServerError;
    case 501:
        return QNetworkReply::OperationNotImplementedError;
    case 503:
        return QNetworkReply::ServiceUnavailableError;
    default:
        if (status > 500)
            return QNetworkReply::UnknownServerError;
        if (status >= 400)
            return QNetworkReply::UnknownContentError;
        return QNetworkReply::NoError;
    }
}

} // namespace

FakeReply::FakeReply(const FakeRequest &request, QNetworkAccessManager::Operation operation,
                     QObject *parent)
    : QNetworkReply(parent), m_request(request)
{
    setRequest(request.request);
    setUrl(request.request.url());
    setOperation(operation);
    open(QIODevice::ReadOnly);
    m_transferTimer.setSingleShot(true);
    // Qt aborts a request that moved no byte for its transfer timeout; so does the fake.
    connect(&m_transferTimer, &QTimer::timeout, this,
            [this] { finishWith(OperationCanceledError, QStringLiteral("Operation canceled")); });
    noteActivity();
}

void FakeReply::answer(const FakeResponse &response)
{
    m_response = response;
    if (!m_response.held)
        QMetaObject::invokeMethod(this, &FakeReply::start, Qt::QueuedConnection);
}

void FakeReply::release()
{
    if (!isHeld() || m_done)
        return;
    m_response.held = false;
    QMetaObject::invokeMethod(this, &FakeReply::start, Qt::QueuedConnection);
}

void FakeReply::noteActivity()
{
    const int timeout = m_request.request.transferTimeout();
    if (timeout > 0 && !m_done)
        m_transferTimer.start(timeout);
}

void FakeReply::start()
{
    if (m_done || m_started)
        return;
    m_started = true;
    if (!m_request.body.isEmpty()) {
        // The whole body went out (it was read when the request was made).
        noteActivity();
        Q_EMIT uploadProgress(m_request.body.size(), m_request.body.size());
        if (m_done) // a slot aborted us
            return;
    }
    if (m_response.hang)
        return; // the transfer timeout or an abort ends it
    if (m_response.status <= 0) {
        finishWith(m_response.networkError == NoError ? UnknownNetworkError
                                                      : m_response.networkError,
                   m_response.errorString);
        return;
    }
    sendHead();
}

void FakeReply::sendHead()
{
    setAttribute(QNetworkRequest::HttpStatusCodeAttribute, m_response.status);
    setAttribute(QNetworkRequest::HttpReasonPhraseAttribute,
                 m_response.status < 400 ? QByteArray("OK") : QByteArray("Error"));
    for (const auto &[name, value] : std::as_const(m_response.headers))
        setRawHeader(name, value);
    if (!hasRawHeader("Content-Length"))
        setHeader(QNetworkRequest::ContentLengthHeader, qint64(m_response.body.size()));
    Q_EMIT metaDataChanged();
    if (m_done)
        return;
    sendNextChunk();
}

void FakeReply::sendNextChunk()
{
    if (m_done)
        return;
    const qint64 total = m_response.body.size();
    const qint64 limit = m_response.cutAfter >= 0 ? qMin(m_response.cutAfter, total) : total;
    const qint64 n = qMin(kChunkBytes, limit - m_delivered);
    if (n > 0) {
        m_buffer.append(m_response.body.constData() + m_delivered, n);
        m_delivered += n;
        noteActivity();
        Q_EMIT downloadProgress(m_delivered, total);
        Q_EMIT readyRead();
        if (m_done)
            return;
    }
    if (m_delivered < limit) {
        // The rest on a later turn, as bytes arrive from a socket.
        QMetaObject::invokeMethod(this, &FakeReply::sendNextChunk, Qt::QueuedConnection);
        return;
    }
    if (limit < total) {
        finishWith(RemoteHostClosedError, QStringLiteral("Connection closed"));
        return;
    }
    const NetworkError error = errorForStatus(m_response.status);
    finishWith(error,
               error == NoError ? QString()
                                : QStringLiteral("Server replied: HTTP %1").arg(m_response.status));
}

void FakeReply::finishWith(NetworkError error, const QString &why)
{
    if (m_done)
        return;
    m_done = true;
    m_transferTimer.stop();
    if (error != NoError) {
        setError(error, why);
        Q_EMIT errorOccurred(error);
    }
    setFinished(true);
    Q_EMIT readChannelFinished();
    Q_EMIT finished();
}

void FakeReply::abort()
{
    // As QNetworkReplyHttpImpl: finished at once, with OperationCanceledError.
    if (m_done)
        return;
    finishWith(OperationCanceledError, QStringLiteral("Operation canceled"));
}

qint64 FakeReply::bytesAvailable() const
{
    return m_buffer.size() + QNetworkReply::bytesAvailable();
}

qint64 FakeReply::readData(char *data, qint64 maxSize)
{
    const qint64 n = qMin<qint64>(maxSize, m_buffer.size());
    if (n <= 0)
        return m_done && m_buffer.isEmpty() ? -1 : 0;
    std::memcpy(data, m_buffer.constData(), size_t(n));
    m_buffer.remove(0, n);
    return n;
}
