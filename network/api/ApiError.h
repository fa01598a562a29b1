#pragma once

#include <QMetaType>
#include <QString>

// What went wrong with a request, in terms a caller can act on and a person can read.
struct ApiError
{
    enum class Kind {
        None,
        Network, // connection refused/reset/dropped, DNS; retried
        Timeout, // no progress for too long; retried
        Unauthorized, // 401: no key
        Forbidden, // 403: wrong key
        NotFound, // 404 (for multipart: the upload id is gone)
        Conflict, // 409: exists
        TooLarge, // 413
        BadRequest, // 400 / 422: the server refused the request as written
        RateLimited, // 429; retried after Retry-After
        Server, // 5xx; retried
        Protocol, // a malformed or unexpected answer
        Integrity, // bytes arrived but do not match their checksum or size
        Local, // a local file could not be read or written (disk full, permissions)
        Cancelled, // the user cancelled
        Changed, // the local file changed while it was being uploaded
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString detail; // the server's own "detail" text, or the local reason
    int retryAfterSecs = -1; // from Retry-After, when given
    QString redirectTo; // a 3xx answer's Location, which is never followed

    bool isError() const { return kind != Kind::None; }
    // Worth trying again by itself (network hiccup, overload), as opposed to needing a person.
    bool isTransient() const;
    // One sentence for people: what happened, and what to do where that is clear. Control
    // characters in the server's words are escaped (VisibleText): the sentence goes to terminals
    // and dialogs as it is.
    QString message() const;

    static ApiError fromHttp(int status, const QByteArray &body, const QByteArray &retryAfter = {},
                             const QByteArray &location = {});
    static ApiError make(Kind kind, const QString &detail)
    {
        return ApiError {kind, 0, detail, -1, {}};
    }
    // Extracts the text of {"detail": "..."} or FastAPI's [{"loc":..,"msg":..}] form.
    static QString detailFromBody(const QByteArray &body);

private:
    QString sentence() const; // message(), unescaped
    QString redirectSentence() const;
};

Q_DECLARE_METATYPE(ApiError)
