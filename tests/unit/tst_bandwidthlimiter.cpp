// BandwidthLimiter's arithmetic on a clock the test moves by hand: no sleeps, no timing. What
// a token bucket promises: a full bucket at first, then the rate; never more than the bucket
// holds after idling; nothing rather than a trickle; waits that are short enough for a changed
// limit to show within a second; debts that are paid back; and over a long run, the rate.
#include "network/io/BandwidthLimiter.h"

#include <QTest>

namespace {
constexpr qint64 kMs = 1'000'000; // nanoseconds
constexpr qint64 kKiB = 1024;
constexpr qint64 kMiB = 1024 * 1024;
} // namespace

class TestBandwidthLimiter : public QObject
{
    Q_OBJECT

private:
    qint64 m_now = 0;
    BandwidthLimiter::Clock clock()
    {
        return [this] { return m_now; };
    }

private Q_SLOTS:
    void init() { m_now = 1000 * kMs; }

    void unlimitedGrantsEverything()
    {
        BandwidthLimiter limiter(clock());
        QVERIFY(!limiter.isLimited());
        QCOMPARE(limiter.take(123 * kMiB), 123 * kMiB);
        QCOMPARE(limiter.take(0), 0);
        limiter.consume(kMiB); // counted nowhere, changes nothing
        QCOMPARE(limiter.take(5), 5);
        QCOMPARE(limiter.waitMs(), 1);
    }

    void startsFullThenFollowsTheRate()
    {
        BandwidthLimiter limiter(clock());
        limiter.setRate(100 * kKiB); // bucket: a quarter second, 25 KiB; grain 2 KiB
        QCOMPARE(BandwidthLimiter::burstFor(100 * kKiB), 25 * kKiB);
        QCOMPARE(BandwidthLimiter::grainFor(100 * kKiB), 2 * kKiB);
        QCOMPARE(limiter.take(kMiB), 25 * kKiB);
        QCOMPARE(limiter.take(kMiB), 0);
        m_now += 100 * kMs; // 10 KiB more
        QCOMPARE(limiter.take(kMiB), 10 * kKiB);
        m_now += 10 * kMs; // 1 KiB: under the grain, so nothing for a big reader...
        QCOMPARE(limiter.take(kMiB), 0);
        QCOMPARE(limiter.take(512), 512); // ...but a small one gets what it asks
        m_now += 10 * kMs;
        QCOMPARE(limiter.take(kMiB), 0); // 1.5 KiB: still under the grain
        m_now += 5 * kMs;
        QCOMPARE(limiter.take(kMiB), 2 * kKiB);
    }

    void idlingNeverSavesMoreThanTheBucket()
    {
        BandwidthLimiter limiter(clock());
        limiter.setRate(kMiB);
        QCOMPARE(limiter.take(100 * kMiB), kMiB / 4);
        m_now += 3600 * 1000 * kMs; // an hour
        QCOMPARE(limiter.take(100 * kMiB), kMiB / 4);
        limiter.giveBack(10 * kMiB); // never above the bucket either
        QCOMPARE(limiter.take(100 * kMiB), kMiB / 4);
    }

    void waitsAreForOneGrainAndCapped()
    {
        BandwidthLimiter limiter(clock());
        limiter.setRate(50 * kKiB); // grain 1 KiB = 20 ms
        QVERIFY(limiter.take(kMiB) > 0);
        QCOMPARE(limiter.waitMs(), 20);
        m_now += 15 * kMs;
        QCOMPARE(limiter.waitMs(), 5);
        m_now += 5 * kMs;
        QCOMPARE(limiter.waitMs(), 1); // never 0: a timer of 0 would spin
        limiter.setRate(1024); // 1 KiB/s: a grain is a second away, but waits stay short...
        QCOMPARE(limiter.take(kMiB), 1024);
        QCOMPARE(limiter.waitMs(), BandwidthLimiter::kMaxWaitMs);
        limiter.setRate(0); // ...so that lifting the limit is seen at the next wake-up
        QCOMPARE(limiter.take(kMiB), kMiB);
    }

    void debtsArePaidBack()
    {
        BandwidthLimiter limiter(clock());
        limiter.setRate(kMiB);
        QCOMPARE(limiter.take(kMiB), kMiB / 4);
        limiter.consume(kMiB / 2); // a reply's last bytes, taken at once
        m_now += 499 * kMs;
        QCOMPARE(limiter.take(kMiB), 0); // half a second of debt
        m_now += 100 * kMs;
        QVERIFY(limiter.take(kMiB) > 0);
    }

    void aNewRateRefillsTheBucket()
    {
        BandwidthLimiter limiter(clock());
        limiter.setRate(kMiB);
        QCOMPARE(limiter.take(100 * kMiB), kMiB / 4);
        limiter.setRate(kMiB); // the same rate again (settings applied twice) changes nothing
        QCOMPARE(limiter.take(100 * kMiB), 0);
        limiter.setRate(4 * kMiB);
        QCOMPARE(limiter.rate(), 4 * kMiB);
        QCOMPARE(limiter.take(100 * kMiB), kMiB);
        limiter.setRate(-5);
        QVERIFY(!limiter.isLimited());
    }

    // Four readers taking 16 KiB pieces whenever they wake, for 30 simulated seconds at
    // 20 MiB/s: what they got is the rate times the time, plus the first bucket.
    void holdsTheRateOverALongRun()
    {
        BandwidthLimiter limiter(clock());
        const qint64 rate = 20 * kMiB;
        limiter.setRate(rate);
        const qint64 start = m_now;
        qint64 moved = 0;
        for (;;) {
            bool any = false;
            for (int reader = 0; reader < 4; ++reader) {
                const qint64 got = limiter.take(16 * kKiB);
                moved += got;
                any = any || got > 0;
            }
            if (any)
                continue;
            if (m_now - start >= 30'000 * kMs)
                break;
            m_now += qint64(limiter.waitMs()) * kMs;
        }
        // The last wake-up may pass the 30 s: the rate over the time that really passed.
        const qint64 expected
            = rate * (m_now - start) / (1000 * kMs) + BandwidthLimiter::burstFor(rate);
        QVERIFY2(qAbs(moved - expected) <= 64 * kKiB,
                 qPrintable(QStringLiteral("moved %1, expected %2").arg(moved).arg(expected)));
    }
};

QTEST_APPLESS_MAIN(TestBandwidthLimiter)
#include "tst_bandwidthlimiter.moc"
