#pragma once

#include "network/api/ApiError.h"
#include "network/api/Job.h"

#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QTimer>

class FilesClient;
class QJsonObject;

class QNetworkRequest;

// One request to the fal files API, with its retries. Subclasses build and send one attempt
// (sendAttempt) and read a successful answer (handleSuccess); this class maps failures to ApiError,
// retries what is transient as the client's RetryPolicy says, and reports exactly once through
// Job::finished(). Like KJob, a request job deletes itself after finished() unless
// setAutoDelete(false). cancel() aborts the request in flight or the wait before a retry.
class ApiJob : public Job
{
    Q_OBJECT
public:
    explicit ApiJob(FilesClient *client, QObject *parent = nullptr);
    ~ApiJob() override;

    int attempts() const { return m_attempts; }

Q_SIGNALS:
    // A transient error; the next attempt starts in `delayMs`.
    void retrying(int nextAttempt, int delayMs, const ApiError &error);

protected:
    void doStart() override;
    void doCancel() override;
    FilesClient *client() const { return m_client; }
    // Builds and sends one attempt. Return nullptr after calling fail() when it cannot be sent.
    virtual QNetworkReply *sendAttempt() = 0;
    // Called with a reply whose status was accepted. Must end with succeed() or fail(), possibly
    // later (after work on a worker thread).
    virtual void handleSuccess(QNetworkReply *reply) = 0;
    // Which statuses count as success. Default: 2xx.
    virtual bool isSuccessStatus(int status) const { return status >= 200 && status < 300; }
    // Gives a subclass the last word on an error before it is retried or reported (e.g. a
    // download resuming where it stopped keeps its bytes; a delete retried after success treats
    // 404 as done). Return the error to use; Kind::None turns it into success.
    virtual ApiError reviewError(const ApiError &error) { return error; }
    // Every reply passes here first when it finishes, whatever its outcome: a streaming job
    // takes the bytes still buffered in it (a dropped download keeps what did arrive).
    virtual void replyFinishing(QNetworkReply *) { }
    // Cleans up after a failed attempt, before the next one.
    virtual void resetAttempt() { }
    // Called once when the job ends, successful or not.
    virtual void cleanup() { }

    void succeed();
    void fail(const ApiError &error);
    // Ends the current attempt as failed with a transient error: retried if the policy allows.
    void failAttempt(const ApiError &error);
    // The current attempt moved the transfer past the furthest point any attempt of this job
    // reached (`highWater`, e.g. a download's byte offset): the service works, and a later
    // failure starts the retry count afresh, so a long download over a flaky link does not run
    // out. Bytes fetched again after a restart earn nothing, and at most kMaxProgressRefunds
    // refunds are given: progress extends the budget, it never makes it endless.
    void madeProgress(qint64 highWater);
    static constexpr int kMaxProgressRefunds = 64;
    // Where progress starts counting: what an earlier run already kept earns nothing.
    void setProgressMark(qint64 highWater) { m_highWater = highWater; }
    QNetworkReply *currentReply() const { return m_reply; }

    // Helpers for the common shapes of this API.
    QNetworkReply *postJson(const QNetworkRequest &request, const QJsonObject &body);
    // Mutations answer the JSON literal `true`; anything else is a protocol error.
    void succeedIfTrue(QNetworkReply *reply);

private:
    void sendNext();
    void onReplyFinished();
    void finish();
    static ApiError errorFromReply(QNetworkReply *reply, bool cancelled);

    FilesClient *m_client;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    ApiError m_error; // what finish() reports
    int m_attempts = 0;
    qint64 m_attemptSentAtMs = 0;
    qint64 m_highWater = 0; // the furthest madeProgress() mark
    int m_progressRefunds = 0;
    bool m_cancelled = false;
};
