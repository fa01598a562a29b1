#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QUrl>
#include <QUrlQuery>

// One request as the fake network saw it: what FakeNetworkAccessManager hands to the handler that
// answers it, and keeps so that a test can say afterwards what was sent, in which order and when.
struct FakeRequest
{
    int index = 0; // 0, 1, 2... in the order the client made them
    // When it was made, in ms since the epoch: the clock ApiJob, OutageBudget and the engine's
    // retry holds use, so a test can set one against the other.
    qint64 sentAtMs = 0;
    QByteArray method; // GET, PUT, POST, DELETE, HEAD, or a custom verb
    QNetworkRequest request;
    QByteArray body; // everything the client uploaded, read from its outgoing device

    QUrl url() const { return request.url(); }
    QString path() const { return request.url().path(); } // percent-decoded
    QUrlQuery query() const { return QUrlQuery(request.url()); }
    QByteArray header(const QByteArray &name) const { return request.rawHeader(name); }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    bool is(const char *verb, const QString &pathPart) const
    {
        return method == verb && path().contains(pathPart);
    }
};
