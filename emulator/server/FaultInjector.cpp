#include "emulator/server/FaultInjector.h"

namespace fal::emulator {

FaultInjector::FaultInjector(const FaultOptions &options)
    : m_options(options), m_random(options.seed)
{
}

void FaultInjector::setOptions(const FaultOptions &options)
{
    std::lock_guard lock(m_mutex);
    m_options = options;
    m_random.seed(options.seed);
    m_drops = 0;
}

FaultOptions FaultInjector::options() const
{
    std::lock_guard lock(m_mutex);
    return m_options;
}

FaultInjector::Decision FaultInjector::decide()
{
    std::lock_guard lock(m_mutex);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double errorDraw = uniform(m_random);
    const double rateLimitDraw = uniform(m_random);

    Decision d;
    d.latencyMs = m_options.latencyMs;
    d.dropAfterBytes = m_options.dropAfterBytes;
    d.retryAfterSeconds = m_options.retryAfterSeconds;
    d.errorStatus = m_options.errorStatus;
    d.errorDetail = m_options.errorDetail;
    if (errorDraw < m_options.errorRate)
        d.kind = Kind::ServerError;
    else if (rateLimitDraw < m_options.rateLimitRate)
        d.kind = Kind::RateLimited;
    return d;
}

bool FaultInjector::consumeDrop()
{
    std::lock_guard lock(m_mutex);
    if (m_options.dropAfterBytes < 0)
        return false;
    if (m_options.dropLimit > 0 && m_drops >= m_options.dropLimit)
        return false;
    ++m_drops;
    return true;
}

int FaultInjector::dropsSoFar() const
{
    std::lock_guard lock(m_mutex);
    return m_drops;
}

} // namespace fal::emulator
