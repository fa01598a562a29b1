// ApiJob's retries over the fake network: 5xx and failures below HTTP (refused, dropped, silent)
// are tried again with the policy's back-off, final answers are not, Retry-After on 429 and 503
// sets the wait (within the client's outage budget), and a cancel during the wait ends the job.
// Delays are read from the job's retrying() signal; nothing here waits for a real back-off.
#include "network/api/MultipartInitiateJob.h"
#include "network/api/StatJob.h"
#include "tests/support/FakeClientFixture.h"

#include <QTest>

Q_DECLARE_METATYPE(FakeResponse)

namespace {
const RemotePath kFile = *RemotePath::parse(QStringLiteral("models/a.bin"));

struct Retry
{
    int nextAttempt;
    int delayMs;
    ApiError error;
};
} // namespace

class TestApiJobRetry : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeClientFixture> f;
    QList<FakeResponse> m_script; // answers for the first requests; the service answers the rest

    void script(const QList<FakeResponse> &answers)
    {
        m_script = answers;
        f->service().setIntercept([this](const FakeRequest &) -> std::optional<FakeResponse> {
            if (m_script.isEmpty())
                return std::nullopt;
            return m_script.takeFirst();
        });
    }
    // Runs a stat of kFile; its retries land in `retries`.
    std::unique_ptr<StatJob> runStat(QList<Retry> *retries)
    {
        auto job = std::make_unique<StatJob>(f->client(), kFile);
        connect(job.get(), &ApiJob::retrying, this,
                [retries](int next, int delay, const ApiError &error) {
                    retries->append({next, delay, error});
                });
        if (!FakeClientFixture::run(job.get()))
            return nullptr;
        return job;
    }
    void setPolicy(int maxAttempts, int baseDelayMs, int maxDelayMs)
    {
        RetryPolicy policy;
        policy.maxAttempts = maxAttempts;
        policy.baseDelayMs = baseDelayMs;
        policy.maxDelayMs = maxDelayMs;
        f->client()->setRetryPolicy(policy);
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<FakeClientFixture>();
        f->service().putFile(kFile.relative(), "twelve bytes");
    }
    void cleanup() { f.reset(); }

    void serverErrorsAreRetriedWithBackoff()
    {
        // 8 ms, doubling: the first retry waits 4-8 ms, the second 8-16 ms ("equal jitter").
        setPolicy(6, 8, 1000);
        script({FakeResponse::httpError(500), FakeResponse::httpError(502)});
        QList<Retry> retries;
        const auto job = runStat(&retries);
        QVERIFY(job);
        QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
        QCOMPARE(job->spec().size, 12);
        QCOMPARE(job->attempts(), 3);
        QCOMPARE(f->network().count("POST", QStringLiteral("/files/file/exists/")), 3);
        QCOMPARE(retries.size(), 2);
        QCOMPARE(retries[0].nextAttempt, 2);
        QCOMPARE(retries[0].error.httpStatus, 500);
        QVERIFY2(retries[0].delayMs >= 4 && retries[0].delayMs <= 8,
                 qPrintable(QString::number(retries[0].delayMs)));
        QCOMPARE(retries[1].nextAttempt, 3);
        QCOMPARE(retries[1].error.httpStatus, 502);
        QVERIFY2(retries[1].delayMs >= 8 && retries[1].delayMs <= 16,
                 qPrintable(QString::number(retries[1].delayMs)));
        // Each attempt is a new request, sent no sooner than its wait.
        const auto sent = f->network().requests();
        QVERIFY(sent[1].sentAtMs - sent[0].sentAtMs >= retries[0].delayMs - 1);
    }

    void failuresBelowHttpAreRetried_data()
    {
        QTest::addColumn<FakeResponse>("failure");
        QTest::addColumn<int>("kind");
        QTest::newRow("connection refused")
            << FakeResponse::refused() << int(ApiError::Kind::Network);
        QTest::newRow("remote closed") << FakeResponse::closed() << int(ApiError::Kind::Network);
        QTest::newRow("transfer timeout")
            << FakeResponse::timedOut() << int(ApiError::Kind::Timeout);
        QTest::newRow("silence") << FakeResponse::hanging() << int(ApiError::Kind::Timeout);
        FakeResponse cut = FakeResponse::json(QByteArray(R"({"path":"/data/models/a.bin"})"));
        QTest::newRow("body cut short") << cut.cutAfterBytes(5) << int(ApiError::Kind::Network);
    }
    void failuresBelowHttpAreRetried()
    {
        QFETCH(FakeResponse, failure);
        QFETCH(int, kind);
        f->client()->setInactivityTimeoutMs(30); // what ends the silence, as Qt would
        script({failure, failure});
        QList<Retry> retries;
        const auto job = runStat(&retries);
        QVERIFY(job);
        QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
        QCOMPARE(job->attempts(), 3);
        QCOMPARE(retries.size(), 2);
        for (const Retry &retry : std::as_const(retries))
            QCOMPARE(int(retry.error.kind), kind);
    }

    void retriesStopAtMaxAttempts()
    {
        setPolicy(3, 1, 2);
        f->service().setIntercept([](const FakeRequest &) { return FakeResponse::httpError(503); });
        QList<Retry> retries;
        const auto job = runStat(&retries);
        QVERIFY(job);
        QVERIFY(!job->succeeded());
        QCOMPARE(job->error().kind, ApiError::Kind::Server);
        QCOMPARE(job->error().httpStatus, 503);
        QCOMPARE(job->attempts(), 3);
        QCOMPARE(f->network().requests().size(), 3);
        QCOMPARE(retries.size(), 2);
    }

    void finalAnswersAreNotRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("kind");
        QTest::newRow("400") << 400 << int(ApiError::Kind::BadRequest);
        QTest::newRow("401") << 401 << int(ApiError::Kind::Unauthorized);
        QTest::newRow("403") << 403 << int(ApiError::Kind::Forbidden);
        QTest::newRow("404") << 404 << int(ApiError::Kind::NotFound);
        QTest::newRow("409") << 409 << int(ApiError::Kind::Conflict);
    }
    void finalAnswersAreNotRetried()
    {
        QFETCH(int, status);
        QFETCH(int, kind);
        script({FakeResponse::httpError(status, QStringLiteral("said the server"))});
        QList<Retry> retries;
        const auto job = runStat(&retries);
        QVERIFY(job);
        QCOMPARE(int(job->error().kind), kind);
        QCOMPARE(job->error().detail, QStringLiteral("said the server"));
        QCOMPARE(f->network().requests().size(), 1);
        QVERIFY(retries.isEmpty());
    }

    // A back-off of minutes unless the server's Retry-After is taken: a retry that comes at
    // once can only have come from the header.
    void retryAfterSetsTheWait_data()
    {
        QTest::addColumn<int>("status");
        QTest::newRow("429") << 429;
        QTest::newRow("503") << 503;
    }
    void retryAfterSetsTheWait()
    {
        QFETCH(int, status);
        setPolicy(6, 600'000, 600'000);
        script({FakeResponse::httpError(status).withHeader("Retry-After", "0")});
        QList<Retry> retries;
        const auto job = runStat(&retries);
        QVERIFY(job);
        QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
        QCOMPARE(retries.size(), 1);
        QCOMPARE(retries[0].error.retryAfterSecs, 0);
        QVERIFY2(retries[0].delayMs < 100, qPrintable(QString::number(retries[0].delayMs)));
    }

    // The wait a Retry-After of seconds asks for, as chosen: the job is cancelled during it, so
    // the test does not sit through it, and nothing more is sent.
    void retryAfterSecondsAreWaitedAndCancelEndsTheWait()
    {
        setPolicy(6, 1, 2);
        script({FakeResponse::httpError(429).withHeader("Retry-After", "7")});
        StatJob job(f->client(), kFile);
        job.setAutoDelete(false);
        QSignalSpy retrying(&job, &ApiJob::retrying);
        QSignalSpy finished(&job, &ApiJob::finished);
        job.start();
        QVERIFY(retrying.wait(5000));
        const int delay = retrying.first().at(1).toInt();
        QVERIFY2(delay >= 7000 && delay < 7100, qPrintable(QString::number(delay)));
        QVERIFY(finished.isEmpty());
        QCOMPARE(f->client()->outage().isDown(), true);
        QVERIFY(f->client()->outage().nextRetryAtMs()
                >= QDateTime::currentMSecsSinceEpoch() + 6000);
        job.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job.error().kind, ApiError::Kind::Cancelled);
        QCOMPARE(f->network().requests().size(), 1);
    }

    void aRetryAfterBeyondTheLimitIsFinal()
    {
        script({FakeResponse::httpError(429).withHeader("Retry-After", "3600")});
        QList<Retry> retries;
        const auto job = runStat(&retries);
        QVERIFY(job);
        QCOMPARE(job->error().kind, ApiError::Kind::RateLimited);
        QCOMPARE(job->error().retryAfterSecs, 3600);
        QCOMPARE(f->network().requests().size(), 1);
        QVERIFY(retries.isEmpty());
    }

    // With an outage budget (the CLI's --retry-for), no wait goes past what is left of it, not
    // even one the server asked for.
    void theOutageBudgetShortensRetryAfter()
    {
        setPolicy(6, 1, 2);
        f->client()->outage().setLimitMs(500);
        script({FakeResponse::httpError(503).withHeader("Retry-After", "30")});
        QList<Retry> retries;
        const auto job = runStat(&retries);
        QVERIFY(job);
        QVERIFY2(job->succeeded(), qPrintable(job->error().message()));
        QCOMPARE(retries.size(), 1);
        QVERIFY2(retries[0].delayMs <= 500, qPrintable(QString::number(retries[0].delayMs)));
        QVERIFY(!f->client()->outage().isDown()); // the answer after it ended the outage
    }

    // Requests the server may answer slowly on purpose (a checksum of many GB: 10 minutes allowed)
    // still end within the outage budget when the server says nothing at all.
    void aSlowAnswerWaitsNoLongerThanTheBudget()
    {
        setPolicy(2, 1, 2);
        f->client()->outage().setLimitMs(1500);
        f->service().setIntercept([](const FakeRequest &) { return FakeResponse::hanging(); });
        StatJob job(f->client(), kFile, true);
        QVERIFY(FakeClientFixture::run(&job, 20'000)); // not 10 minutes
        QVERIFY(!job.succeeded());
        const auto sent = f->network().requests();
        QVERIFY(!sent.isEmpty());
        QVERIFY2(sent.first().request.transferTimeout() <= 1500,
                 qPrintable(QString::number(sent.first().request.transferTimeout())));
    }

    // A retried POST sends the same body again.
    void aRetrySendsTheSameRequestAgain()
    {
        script({FakeResponse::closed()});
        MultipartInitiateJob job(f->client(), kFile, 10 * 1024 * 1024, 12'345,
                                 QStringLiteral("0123456789abcdef0123456789abcdef"));
        QVERIFY(FakeClientFixture::run(&job));
        QVERIFY2(job.succeeded(), qPrintable(job.error().message()));
        const auto sent = f->network().requests();
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent[1].url(), sent[0].url());
        QCOMPARE(sent[1].body, sent[0].body);
        QCOMPARE(sent[1].header("Authorization"), sent[0].header("Authorization"));
        QCOMPARE(sent[0].json().value(QLatin1String("size")).toInteger(), 12'345);
    }
};

QTEST_GUILESS_MAIN(TestApiJobRetry)
#include "tst_apijob_retry.moc"
