#include "network/api/OutageBudget.h"

#include <QDateTime>
#include <algorithm>

void OutageBudget::noteReachable()
{
    m_downSinceMs = -1;
    m_nextRetryAtMs = 0;
    m_reachableAtMs = QDateTime::currentMSecsSinceEpoch();
}

void OutageBudget::noteActivity()
{
    m_activityAtMs = QDateTime::currentMSecsSinceEpoch();
}

void OutageBudget::noteRetryAt(qint64 atMs)
{
    if (m_nextRetryAtMs <= QDateTime::currentMSecsSinceEpoch() || atMs < m_nextRetryAtMs)
        m_nextRetryAtMs = atMs;
}

qint64 OutageBudget::nextRetryAtMs() const
{
    return isDown() && m_nextRetryAtMs > QDateTime::currentMSecsSinceEpoch() ? m_nextRetryAtMs : 0;
}

void OutageBudget::noteUnreachable(const ApiError &error, qint64 sentAtMs)
{
    m_lastError = error;
    // Down since the failing request was sent, or since the service last showed it works or took
    // bytes, if that was later (bytes that moved on this very request before it broke). An
    // outage already running keeps its start.
    const qint64 since = std::max({sentAtMs, m_reachableAtMs, m_activityAtMs});
    if (m_downSinceMs < 0 || since < m_downSinceMs)
        m_downSinceMs = since;
}

bool OutageBudget::isSpent() const
{
    return isLimited() && isDown()
        && QDateTime::currentMSecsSinceEpoch() - m_downSinceMs >= m_limitMs;
}

qint64 OutageBudget::remainingMs() const
{
    if (!isLimited())
        return kUnlimited;
    if (!isDown())
        return m_limitMs;
    return std::max<qint64>(0, m_limitMs - (QDateTime::currentMSecsSinceEpoch() - m_downSinceMs));
}

int OutageBudget::clampDelay(int wantedMs) const
{
    if (!isLimited())
        return wantedMs;
    if (isSpent())
        return -1;
    return int(std::min<qint64>(wantedMs, remainingMs()));
}
