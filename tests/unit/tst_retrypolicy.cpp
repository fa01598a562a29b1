// Unit tests for RetryPolicy: which failures are retried, how long to wait (Retry-After, capped
// exponential back-off with bounded jitter) and when to give up.
#include "network/api/RetryPolicy.h"

#include <QSet>
#include <QTest>

#include <climits>

namespace {
ApiError http(int status, const QByteArray &retryAfter = {})
{
    return ApiError::fromHttp(status, R"({"detail":"x"})", retryAfter);
}
} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void finalErrors_data();
    void finalErrors();
    void transientErrors_data();
    void transientErrors();
    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void tooLongRetryAfterIsFinal();
    void rateLimitedWithoutRetryAfterBacksOff();
    void backoffGrowsAndIsCapped();
    void jitterStaysWithinBounds_data();
    void jitterStaysWithinBounds();
    void jitterActuallyVaries();
    void maxAttemptsHonoured_data();
    void maxAttemptsHonoured();
    void unlimitedAttempts();
    void hugeAttemptNumbersDoNotOverflow();
};

void TestRetryPolicy::defaults()
{
    const RetryPolicy policy;
    QVERIFY(policy.maxAttempts > 1);
    QVERIFY(policy.baseDelayMs > 0);
    QVERIFY(policy.maxDelayMs >= policy.baseDelayMs);
    QVERIFY(policy.maxRetryAfterSecs > 0);
}

void TestRetryPolicy::finalErrors_data()
{
    QTest::addColumn<int>("status");
    for (const int status : {400, 401, 403, 404, 405, 409, 410, 413, 415, 422})
        QTest::addRow("%d", status) << status;
}

void TestRetryPolicy::finalErrors()
{
    QFETCH(int, status);
    const RetryPolicy policy;
    for (int attempts = 0; attempts <= 3; ++attempts)
        QCOMPARE(policy.delayBeforeRetry(http(status), attempts), -1);
    // A Retry-After on a final error does not make it transient.
    QCOMPARE(policy.delayBeforeRetry(http(status, "1"), 1), -1);
}

void TestRetryPolicy::transientErrors_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::newRow("408") << http(408);
    QTest::newRow("429") << http(429);
    QTest::newRow("500") << http(500);
    QTest::newRow("502") << http(502);
    QTest::newRow("503") << http(503);
    QTest::newRow("504") << http(504);
    QTest::newRow("network") << ApiError::make(ApiError::Kind::Network, QStringLiteral("reset"));
    QTest::newRow("timeout") << ApiError::make(ApiError::Kind::Timeout, QStringLiteral("idle"));
    QTest::newRow("cancelled is final") << ApiError::make(ApiError::Kind::Cancelled, {});
    QTest::newRow("integrity is final") << ApiError::make(ApiError::Kind::Integrity, {});
    QTest::newRow("local is final") << ApiError::make(ApiError::Kind::Local, {});
    QTest::newRow("protocol is final") << ApiError::make(ApiError::Kind::Protocol, {});
}

void TestRetryPolicy::transientErrors()
{
    QFETCH(ApiError, error);
    const RetryPolicy policy;
    const int delay = policy.delayBeforeRetry(error, 1);
    if (error.isTransient()) {
        QVERIFY2(delay >= 0, qPrintable(QString::number(delay)));
        QVERIFY(delay <= policy.maxDelayMs);
    } else {
        QCOMPARE(delay, -1);
    }
    QCOMPARE(QString::fromLatin1(QTest::currentDataTag()).endsWith(QLatin1String("final")),
             !error.isTransient());
}

void TestRetryPolicy::retryAfterIsHonoured_data()
{
    QTest::addColumn<int>("seconds");
    QTest::newRow("0") << 0;
    QTest::newRow("1") << 1;
    QTest::newRow("7") << 7;
    QTest::newRow("120") << 120;
    QTest::newRow("at the limit") << 300;
}

void TestRetryPolicy::retryAfterIsHonoured()
{
    QFETCH(int, seconds);
    const RetryPolicy policy;
    const ApiError error = http(429, QByteArray::number(seconds));
    QCOMPARE(error.retryAfterSecs, seconds);
    for (int i = 0; i < 200; ++i) {
        const int delay = policy.delayBeforeRetry(error, 1 + i % (policy.maxAttempts - 1));
        QVERIFY2(delay >= seconds * 1000, qPrintable(QString::number(delay)));
        // A little jitter is fine; a second more is not what the server asked for.
        QVERIFY2(delay < seconds * 1000 + 1000, qPrintable(QString::number(delay)));
    }
    // Retry-After is honoured even when it is longer than the back-off cap.
    RetryPolicy smallCap;
    smallCap.maxDelayMs = 100;
    if (seconds > 0)
        QVERIFY(smallCap.delayBeforeRetry(error, 1) >= seconds * 1000);
}

void TestRetryPolicy::tooLongRetryAfterIsFinal()
{
    RetryPolicy policy;
    QCOMPARE(policy.delayBeforeRetry(http(429, "301"), 1), -1);
    QCOMPARE(policy.delayBeforeRetry(http(429, "86400"), 1), -1);
    policy.maxRetryAfterSecs = 10;
    QCOMPARE(policy.delayBeforeRetry(http(429, "11"), 1), -1);
    QVERIFY(policy.delayBeforeRetry(http(429, "10"), 1) >= 10000);
}

void TestRetryPolicy::rateLimitedWithoutRetryAfterBacksOff()
{
    RetryPolicy policy;
    policy.baseDelayMs = 400;
    policy.maxDelayMs = 10'000;
    for (const QByteArray &header : {QByteArray(), QByteArray("soon")}) {
        const ApiError error = http(429, header);
        QCOMPARE(error.retryAfterSecs, -1);
        for (int i = 0; i < 100; ++i) {
            const int delay = policy.delayBeforeRetry(error, 1);
            QVERIFY(delay >= 200);
            QVERIFY(delay <= 400);
        }
    }
}

void TestRetryPolicy::backoffGrowsAndIsCapped()
{
    RetryPolicy policy;
    policy.maxAttempts = 0;
    policy.baseDelayMs = 100;
    policy.maxDelayMs = 5'000;
    const ApiError error = http(503);
    // With "equal jitter" each wait is in [ceiling/2, ceiling], ceiling = min(base * 2^(n-1), cap).
    double previousMean = 0;
    int lastLo = -1;
    int lastHi = -1;
    for (int attempts = 1; attempts <= 20; ++attempts) {
        int lo = INT_MAX;
        int hi = -1;
        double sum = 0;
        for (int i = 0; i < 200; ++i) {
            const int delay = policy.delayBeforeRetry(error, attempts);
            lo = qMin(lo, delay);
            hi = qMax(hi, delay);
            sum += delay;
        }
        const double mean = sum / 200;
        const qint64 ceiling = qMin<qint64>(qint64(100) << qMin(attempts - 1, 30), 5000);
        QVERIFY2(lo >= ceiling / 2,
                 qPrintable(QStringLiteral("attempt %1: %2").arg(attempts).arg(lo)));
        QVERIFY2(hi <= ceiling, qPrintable(QStringLiteral("attempt %1: %2").arg(attempts).arg(hi)));
        QVERIFY(hi <= policy.maxDelayMs);
        // Grows while below the cap: the average wait roughly doubles.
        if (attempts > 1 && ceiling < 5000)
            QVERIFY2(mean > previousMean * 1.5,
                     qPrintable(QStringLiteral("attempt %1: %2 after %3")
                                    .arg(attempts)
                                    .arg(mean)
                                    .arg(previousMean)));
        previousMean = mean;
        lastLo = lo;
        lastHi = hi;
    }
    // Well past the cap, waits sit between cap/2 and cap.
    QVERIFY(lastLo >= 2500);
    QVERIFY(lastHi <= 5000);
    // The first retry waits about the base delay, not the cap.
    QVERIFY(policy.delayBeforeRetry(error, 1) <= 100);
}

void TestRetryPolicy::jitterStaysWithinBounds_data()
{
    QTest::addColumn<int>("base");
    QTest::addColumn<int>("cap");
    QTest::addColumn<int>("attempts");

    QTest::newRow("default first") << 500 << 30000 << 1;
    QTest::newRow("default third") << 500 << 30000 << 3;
    QTest::newRow("default capped") << 500 << 30000 << 12;
    QTest::newRow("tiny base") << 1 << 30000 << 1;
    QTest::newRow("base above cap") << 10000 << 2000 << 1;
    QTest::newRow("odd numbers") << 333 << 7777 << 4;
}

void TestRetryPolicy::jitterStaysWithinBounds()
{
    QFETCH(int, base);
    QFETCH(int, cap);
    QFETCH(int, attempts);
    RetryPolicy policy;
    policy.maxAttempts = 0;
    policy.baseDelayMs = base;
    policy.maxDelayMs = cap;
    const qint64 ceiling = qMin<qint64>(qint64(base) << (attempts - 1), cap);
    const ApiError error = ApiError::make(ApiError::Kind::Network, QStringLiteral("reset"));
    for (int i = 0; i < 5000; ++i) {
        const int delay = policy.delayBeforeRetry(error, attempts);
        if (delay < ceiling / 2 || delay > ceiling)
            QFAIL(qPrintable(QStringLiteral("delay %1 outside [%2, %3]")
                                 .arg(delay)
                                 .arg(ceiling / 2)
                                 .arg(ceiling)));
    }
}

void TestRetryPolicy::jitterActuallyVaries()
{
    const RetryPolicy policy;
    const ApiError error = http(500);
    QSet<int> seen;
    for (int i = 0; i < 200; ++i)
        seen.insert(policy.delayBeforeRetry(error, 3));
    QVERIFY2(seen.size() > 20, qPrintable(QString::number(seen.size())));

    QSet<int> seen429;
    for (int i = 0; i < 200; ++i)
        seen429.insert(policy.delayBeforeRetry(http(429, "1"), 1));
    QVERIFY(seen429.size() > 1);
}

void TestRetryPolicy::maxAttemptsHonoured_data()
{
    QTest::addColumn<int>("maxAttempts");
    QTest::newRow("1: never retry") << 1;
    QTest::newRow("2") << 2;
    QTest::newRow("6 (default)") << 6;
}

void TestRetryPolicy::maxAttemptsHonoured()
{
    QFETCH(int, maxAttempts);
    RetryPolicy policy;
    policy.maxAttempts = maxAttempts;
    for (const ApiError &error : {http(500), http(429, "1"), http(429), http(408),
                                  ApiError::make(ApiError::Kind::Network, {})}) {
        // Simulate the caller: attempt, fail, ask; count the attempts made.
        int attempts = 0;
        for (;;) {
            ++attempts;
            if (policy.delayBeforeRetry(error, attempts) < 0)
                break;
            QVERIFY(attempts < 100);
        }
        QCOMPARE(attempts, maxAttempts);
    }
}

void TestRetryPolicy::unlimitedAttempts()
{
    RetryPolicy policy;
    policy.maxAttempts = 0;
    for (int attempts = 1; attempts < 1000; attempts += 37)
        QVERIFY(policy.delayBeforeRetry(http(503), attempts) >= 0);
    QCOMPARE(policy.delayBeforeRetry(http(404), 1), -1);
}

void TestRetryPolicy::hugeAttemptNumbersDoNotOverflow()
{
    RetryPolicy policy;
    policy.maxAttempts = 0;
    policy.baseDelayMs = 30'000;
    policy.maxDelayMs = 600'000;
    for (const int attempts : {17, 31, 32, 33, 63, 64, 1000, INT_MAX}) {
        const int delay = policy.delayBeforeRetry(http(502), attempts);
        QVERIFY2(delay >= 300'000 && delay <= 600'000, qPrintable(QString::number(delay)));
    }
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
