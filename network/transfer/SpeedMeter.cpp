#include "network/transfer/SpeedMeter.h"

#include <cmath>

SpeedMeter::SpeedMeter(int sampleMs, double smoothing)
    : m_sampleMs(sampleMs), m_smoothing(smoothing)
{
    m_clock.start();
}

void SpeedMeter::reset()
{
    m_lastBytes = -1;
    m_speed = 0;
    m_haveSpeed = false;
}

void SpeedMeter::update(qint64 bytesDone)
{
    updateAt(bytesDone, m_clock.elapsed());
}

void SpeedMeter::updateAt(qint64 bytesDone, qint64 nowMs)
{
    if (m_lastBytes < 0 || bytesDone < m_lastBytes) {
        m_lastBytes = bytesDone;
        m_lastMs = nowMs;
        return;
    }
    const qint64 elapsed = nowMs - m_lastMs;
    if (elapsed < m_sampleMs)
        return;
    const double sample = double(bytesDone - m_lastBytes) * 1000.0 / double(elapsed);
    m_speed = m_haveSpeed ? m_smoothing * sample + (1.0 - m_smoothing) * m_speed : sample;
    m_haveSpeed = true;
    m_lastBytes = bytesDone;
    m_lastMs = nowMs;
}

qint64 SpeedMeter::secondsLeft(qint64 bytesLeft) const
{
    if (!m_haveSpeed || m_speed < 1.0)
        return -1;
    return qint64(std::ceil(double(qMax<qint64>(0, bytesLeft)) / m_speed));
}
