#pragma once

#include "network/api/ApiError.h"

// When to try a failed request again, and after how long.
// A 429 or a 5xx that carries Retry-After waits what it says; other 5xx, timeouts and network
// errors back off exponentially with jitter (so that many clients dropped together do not come
// back together); other 4xx are final.
struct RetryPolicy
{
    int maxAttempts = 6; // including the first one; 0 = retry transient errors forever
    int baseDelayMs = 500; // first back-off
    int maxDelayMs = 30'000; // cap of the exponential back-off
    int maxRetryAfterSecs = 300; // a longer Retry-After is treated as final

    // Milliseconds to wait before attempt number `attemptsSoFar + 1`, or -1 for "do not retry".
    int delayBeforeRetry(const ApiError &error, int attemptsSoFar) const;
};
