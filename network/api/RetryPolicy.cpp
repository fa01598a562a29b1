#include "network/api/RetryPolicy.h"

#include <QRandomGenerator>
#include <algorithm>

int RetryPolicy::delayBeforeRetry(const ApiError &error, int attemptsSoFar) const
{
    if (!error.isTransient())
        return -1;
    if (maxAttempts > 0 && attemptsSoFar >= maxAttempts)
        return -1;
    // 429, and any 5xx that says when to come back (a 503 usually does).
    if ((error.kind == ApiError::Kind::RateLimited || error.kind == ApiError::Kind::Server)
        && error.retryAfterSecs >= 0) {
        if (error.retryAfterSecs > maxRetryAfterSecs)
            return -1;
        // A little jitter on top so that a crowd told "1 s" does not return in lock-step.
        return error.retryAfterSecs * 1000 + int(QRandomGenerator::global()->bounded(100));
    }
    const int exponent = std::clamp(attemptsSoFar - 1, 0, 16);
    const qint64 ceiling = std::min<qint64>(qint64(baseDelayMs) << exponent, maxDelayMs);
    // "Equal jitter": half fixed, half random, so the wait never collapses to zero.
    const qint64 half = ceiling / 2;
    return int(half + QRandomGenerator::global()->bounded(half + 1));
}
