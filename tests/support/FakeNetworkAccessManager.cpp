#include "tests/support/FakeNetworkAccessManager.h"

#include "tests/support/FakeReply.h"

#include <QDateTime>

FakeNetworkAccessManager::FakeNetworkAccessManager(QObject *parent) : QNetworkAccessManager(parent)
{
}

FakeNetworkAccessManager::FakeNetworkAccessManager(Handler handler, QObject *parent)
    : QNetworkAccessManager(parent), m_handler(std::move(handler))
{
}

FakeNetworkAccessManager::~FakeNetworkAccessManager()
{
    for (const QPointer<FakeReply> &reply : std::as_const(m_open)) {
        if (reply)
            reply->disconnect(this);
    }
}

QNetworkReply *FakeNetworkAccessManager::createRequest(Operation operation,
                                                       const QNetworkRequest &request,
                                                       QIODevice *outgoingData)
{
    FakeRequest fake;
    fake.index = int(m_requests.size());
    fake.sentAtMs = QDateTime::currentMSecsSinceEpoch();
    fake.request = request;
    switch (operation) {
    case HeadOperation:
        fake.method = "HEAD";
        break;
    case GetOperation:
        fake.method = "GET";
        break;
    case PutOperation:
        fake.method = "PUT";
        break;
    case PostOperation:
        fake.method = "POST";
        break;
    case DeleteOperation:
        fake.method = "DELETE";
        break;
    case CustomOperation:
    case UnknownOperation:
        fake.method = request.attribute(QNetworkRequest::CustomVerbAttribute).toByteArray();
        break;
    }
    if (outgoingData) {
        // The body is read here, in the call that sends it: the device (a QBuffer, a
        // QHttpMultiPart's reader over a file slice) may go when the call returns.
        if (!outgoingData->isOpen())
            outgoingData->open(QIODevice::ReadOnly);
        fake.body = outgoingData->readAll();
    }
    m_requests.append(fake);

    auto *reply = new FakeReply(fake, operation, this);
    m_open.append(reply);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply] { m_open.removeAll(QPointer<FakeReply>(reply)); });
    connect(reply, &QObject::destroyed, this,
            [this] { m_open.removeIf([](const QPointer<FakeReply> &open) { return !open; }); });
    Q_EMIT requestMade(fake.index);
    reply->answer(m_handler
                      ? m_handler(fake)
                      : FakeResponse::httpError(501, QStringLiteral("no handler in the fake")));
    return reply;
}

QList<FakeRequest> FakeNetworkAccessManager::requests(const char *method,
                                                      const QString &pathPart) const
{
    QList<FakeRequest> matching;
    for (const FakeRequest &request : m_requests) {
        if (request.is(method, pathPart))
            matching.append(request);
    }
    return matching;
}

int FakeNetworkAccessManager::count(const char *method, const QString &pathPart) const
{
    return int(requests(method, pathPart).size());
}

QList<FakeRequest> FakeNetworkAccessManager::openRequests() const
{
    QList<FakeRequest> open;
    for (const QPointer<FakeReply> &reply : m_open) {
        if (reply)
            open.append(reply->fakeRequest());
    }
    return open;
}

int FakeNetworkAccessManager::heldCount() const
{
    int held = 0;
    for (const QPointer<FakeReply> &reply : m_open)
        held += reply && reply->isHeld();
    return held;
}

int FakeNetworkAccessManager::release(int count)
{
    int released = 0;
    const QList<QPointer<FakeReply>> open = m_open;
    for (const QPointer<FakeReply> &reply : open) {
        if (count >= 0 && released >= count)
            break;
        if (reply && reply->isHeld()) {
            reply->release();
            ++released;
        }
    }
    return released;
}
