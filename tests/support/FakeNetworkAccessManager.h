#pragma once

#include "tests/support/FakeRequest.h"
#include "tests/support/FakeResponse.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QPointer>
#include <functional>

class FakeReply;

// A QNetworkAccessManager that never opens a socket: every request goes to a handler (the test's
// script, or FakeFilesService) that says what to answer, and comes back as a FakeReply on the
// event loop. Give it to FilesClient (which takes its QNetworkAccessManager) and the real jobs,
// tasks and engine run against a network whose every answer, failure and timing the test
// decides. Every request is kept (method, URL, headers, body, time) for assertions.
class FakeNetworkAccessManager : public QNetworkAccessManager
{
    Q_OBJECT
public:
    using Handler = std::function<FakeResponse(const FakeRequest &)>;

    explicit FakeNetworkAccessManager(QObject *parent = nullptr);
    explicit FakeNetworkAccessManager(Handler handler, QObject *parent = nullptr);
    ~FakeNetworkAccessManager() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }

    // Everything asked so far, in order.
    const QList<FakeRequest> &requests() const { return m_requests; }
    QList<FakeRequest> requests(const char *method, const QString &pathPart) const;
    int count(const char *method, const QString &pathPart) const;
    void clearRequests() { m_requests.clear(); }

    // Requests whose answer has not finished yet (held, hanging, or still being delivered).
    QList<FakeRequest> openRequests() const;
    // Held answers (FakeResponse::held) waiting for release(), oldest first.
    int heldCount() const;
    // Lets `count` held answers go (all with -1), oldest first; returns how many went.
    int release(int count = -1);

Q_SIGNALS:
    // A request was made; its answer comes on a later event-loop turn. `index` is its place in
    // requests().
    void requestMade(int index);

protected:
    QNetworkReply *createRequest(Operation operation, const QNetworkRequest &request,
                                 QIODevice *outgoingData) override;

private:
    Handler m_handler;
    QList<FakeRequest> m_requests;
    QList<QPointer<FakeReply>> m_open;
};
