#pragma once

#include "emulator/server/FaultOptions.h"

#include <mutex>
#include <random>

namespace fal::emulator {

// Decides, per request, which fault to inject. Thread-safe; tests change the options while
// requests are in flight. Every decision draws the same amount of randomness whatever the rates
// are, so one seed gives one sequence of faults for one order of requests.
class FaultInjector
{
public:
    enum class Kind { None, ServerError, RateLimited };

    struct Decision
    {
        int latencyMs = 0;
        Kind kind = Kind::None;
        int retryAfterSeconds = 0;
        qint64 dropAfterBytes = -1; // armed for this request; consumeDrop() still has the last word
        int errorStatus = 503;
        QString errorDetail;
    };

    explicit FaultInjector(const FaultOptions &options = {});

    void setOptions(const FaultOptions &options); // re-seeds and resets the drop count
    FaultOptions options() const;

    Decision decide();
    // Called when a body is about to cross the drop mark: true if this drop may happen (the
    // drop limit is not used up yet), and counts it.
    bool consumeDrop();
    int dropsSoFar() const;

private:
    mutable std::mutex m_mutex;
    FaultOptions m_options;
    std::mt19937_64 m_random;
    int m_drops = 0;
};

} // namespace fal::emulator
