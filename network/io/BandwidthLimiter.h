#pragma once

#include <QMutex>
#include <QtGlobal>

#include <functional>

// One direction's bandwidth limit, shared by every transfer of a client: a token bucket (as
// rclone's --bwlimit and qBittorrent's global limit) that every byte sent or taken from the
// network is counted against, so four transfers at once share the limit instead of each getting
// it. Consumers never sleep: they take() what they may move now and, granted nothing, try again
// after waitMs() on a timer of their own. Waits are capped at kMaxWaitMs, so a limit that is
// raised or lifted while a transfer waits takes effect within that time, and nobody waits forever.
// Thread-safe: the GUI's engine reads on its own thread while the settings change it.
class BandwidthLimiter
{
public:
    // Monotonic nanoseconds; tests inject their own clock.
    using Clock = std::function<qint64()>;
    static constexpr int kMaxWaitMs = 200;
    static constexpr qint64 kBurstMs = 250; // the bucket holds this much time's worth of bytes
    static constexpr qint64 kMinBurst = 1024;

    explicit BandwidthLimiter(Clock clock = {});

    // Bytes per second; 0 (or less) is unlimited. The bucket starts full at a new limit.
    void setRate(qint64 bytesPerSecond);
    qint64 rate() const;
    bool isLimited() const { return rate() > 0; }

    // Grants up to `wanted` bytes now (all of them when unlimited). Grants nothing rather than a
    // trickle: less than min(wanted, grain) waiting in the bucket is 0, so readers move pieces
    // worth a timer's wake-up.
    qint64 take(qint64 wanted);
    // Counts bytes that had to move anyway (the rest of a finished reply): the bucket may go
    // below empty, and the next takers wait it out.
    void consume(qint64 bytes);
    // Bytes taken but not moved (the source ended first).
    void giveBack(qint64 bytes);
    // How long a reader granted nothing should wait before taking again: 1..kMaxWaitMs.
    int waitMs() const;

    // The bucket's size and the smallest grant, for a rate (exposed for tests and read buffers).
    static qint64 burstFor(qint64 bytesPerSecond);
    static qint64 grainFor(qint64 bytesPerSecond);

private:
    void refillLocked(qint64 now) const;
    qint64 now() const;

    Clock m_clock;
    mutable QMutex m_mutex;
    qint64 m_rate = 0;
    mutable double m_tokens = 0; // bytes; negative after consume() beyond what was there
    mutable qint64 m_lastRefill = 0; // m_clock's time of the last refill
};
