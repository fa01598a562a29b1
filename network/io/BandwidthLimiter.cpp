#include "network/io/BandwidthLimiter.h"

#include <QElapsedTimer>

#include <cmath>

namespace {
qint64 steadyNanoseconds()
{
    static const QElapsedTimer start = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return start.nsecsElapsed();
}
} // namespace

BandwidthLimiter::BandwidthLimiter(Clock clock)
    : m_clock(clock ? std::move(clock) : Clock(steadyNanoseconds))
{
}

qint64 BandwidthLimiter::now() const
{
    return m_clock();
}

qint64 BandwidthLimiter::burstFor(qint64 bytesPerSecond)
{
    if (bytesPerSecond <= 0)
        return 0;
    return qMax(kMinBurst, bytesPerSecond * kBurstMs / 1000);
}

qint64 BandwidthLimiter::grainFor(qint64 bytesPerSecond)
{
    // About fifty wake-ups a second at most, and never more than the bucket holds (or a
    // reader would wait for a grant that cannot come).
    if (bytesPerSecond <= 0)
        return 0;
    return qMin(burstFor(bytesPerSecond),
                qBound(qint64(1024), bytesPerSecond / 50, qint64(1024 * 1024)));
}

void BandwidthLimiter::setRate(qint64 bytesPerSecond)
{
    QMutexLocker lock(&m_mutex);
    bytesPerSecond = qMax<qint64>(0, bytesPerSecond);
    if (bytesPerSecond == m_rate)
        return;
    m_rate = bytesPerSecond;
    m_tokens = double(burstFor(m_rate));
    m_lastRefill = now();
}

qint64 BandwidthLimiter::rate() const
{
    QMutexLocker lock(&m_mutex);
    return m_rate;
}

void BandwidthLimiter::refillLocked(qint64 at) const
{
    if (m_rate <= 0)
        return;
    const qint64 elapsed = qMax<qint64>(0, at - m_lastRefill);
    m_lastRefill = at;
    m_tokens = qMin(double(burstFor(m_rate)), m_tokens + double(elapsed) * double(m_rate) / 1e9);
}

qint64 BandwidthLimiter::take(qint64 wanted)
{
    if (wanted <= 0)
        return 0;
    QMutexLocker lock(&m_mutex);
    if (m_rate <= 0)
        return wanted;
    refillLocked(now());
    const qint64 whole = qint64(std::floor(m_tokens));
    if (whole < qMin(wanted, grainFor(m_rate)))
        return 0;
    const qint64 granted = qMin(wanted, whole);
    m_tokens -= double(granted);
    return granted;
}

void BandwidthLimiter::consume(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    if (m_rate <= 0 || bytes <= 0)
        return;
    refillLocked(now());
    m_tokens -= double(bytes);
}

void BandwidthLimiter::giveBack(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    if (m_rate <= 0 || bytes <= 0)
        return;
    m_tokens = qMin(double(burstFor(m_rate)), m_tokens + double(bytes));
}

int BandwidthLimiter::waitMs() const
{
    QMutexLocker lock(&m_mutex);
    if (m_rate <= 0)
        return 1;
    refillLocked(now());
    const double missing = double(grainFor(m_rate)) - m_tokens;
    if (missing <= 0)
        return 1;
    const double ms = std::ceil(missing * 1000.0 / double(m_rate));
    return int(qBound(1.0, ms, double(kMaxWaitMs)));
}
