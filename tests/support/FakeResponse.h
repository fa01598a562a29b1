#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkReply>
#include <QString>
#include <utility>

// What a FakeReply answers: an HTTP status, headers and a body, or a failure below HTTP
// (connection refused, the connection dropping mid-body, silence until the transfer timeout).
struct FakeResponse
{
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;
    // Not NoError and no status: the request failed before any answer (refused, reset...).
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString errorString;
    // >= 0: the connection drops (RemoteHostClosedError) after this many bytes of the body.
    qint64 cutAfter = -1;
    // Never answers; only the request's transfer timeout (as Qt: OperationCanceledError) or an
    // abort ends it.
    bool hang = false;
    // Answers only when the test says so (FakeNetworkAccessManager::release()): a request the
    // test keeps "in flight" for as long as it needs.
    bool held = false;

    // A JSON body: an object, an array, or a bare literal such as `true` given as its text.
    static FakeResponse json(const QByteArray &text, int status = 200)
    {
        FakeResponse response;
        response.status = status;
        response.body = text;
        response.headers.emplaceBack("Content-Type", "application/json");
        return response;
    }
    static FakeResponse json(const QJsonObject &object, int status = 200)
    {
        return json(QJsonDocument(object).toJson(QJsonDocument::Compact), status);
    }
    static FakeResponse json(const QJsonArray &array, int status = 200)
    {
        return json(QJsonDocument(array).toJson(QJsonDocument::Compact), status);
    }
    // An error answer the way the fal API words them: {"detail": "..."}.
    static FakeResponse httpError(int status, const QString &detail = QStringLiteral("fake error"))
    {
        return json(QJsonObject {{QStringLiteral("detail"), detail}}, status);
    }
    static FakeResponse failure(QNetworkReply::NetworkError error, const QString &why)
    {
        FakeResponse response;
        response.status = 0;
        response.networkError = error;
        response.errorString = why;
        return response;
    }
    static FakeResponse refused()
    {
        return failure(QNetworkReply::ConnectionRefusedError, QStringLiteral("Connection refused"));
    }
    static FakeResponse closed()
    {
        return failure(QNetworkReply::RemoteHostClosedError, QStringLiteral("Connection closed"));
    }
    // What Qt reports when a request's transfer timeout fires (it aborts the reply), at once.
    static FakeResponse timedOut()
    {
        return failure(QNetworkReply::OperationCanceledError, QStringLiteral("Operation canceled"));
    }
    static FakeResponse hanging()
    {
        FakeResponse response;
        response.status = 0;
        response.hang = true;
        return response;
    }

    FakeResponse &withHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.emplaceBack(name, value);
        return *this;
    }
    FakeResponse &heldUntilReleased()
    {
        held = true;
        return *this;
    }
    FakeResponse &cutAfterBytes(qint64 bytes)
    {
        cutAfter = bytes;
        return *this;
    }
};
