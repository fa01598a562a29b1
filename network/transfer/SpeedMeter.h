#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

// Transfer speed and time left, smoothed so the numbers people read do not jump: samples are
// taken at most every `sampleMs`, speed is an exponentially weighted moving average, and the ETA
// is derived from the smoothed speed. Bytes that were only re-counted (a part sent again after a
// drop) must not be fed as progress: callers feed cumulative "bytes done".
class SpeedMeter
{
public:
    explicit SpeedMeter(int sampleMs = 500, double smoothing = 0.3);

    void reset();
    // Cumulative bytes done; going backwards (a retry) re-bases without a negative speed.
    void update(qint64 bytesDone);
    void updateAt(qint64 bytesDone, qint64 nowMs); // for tests: explicit time

    double bytesPerSecond() const { return m_speed; }
    // Seconds left for `bytesLeft`, or -1 when unknown (no speed yet).
    qint64 secondsLeft(qint64 bytesLeft) const;

private:
    QElapsedTimer m_clock;
    int m_sampleMs;
    double m_smoothing;
    qint64 m_lastBytes = -1;
    qint64 m_lastMs = 0;
    double m_speed = 0;
    bool m_haveSpeed = false;
};
