#pragma once

#include "network/api/ApiError.h"

#include <QtGlobal>

// How long the service may stay out of reach (connection errors, silence, 5xx, 429) before
// transfers stop trying. One clock per FilesClient, so every transfer of a command shares one
// budget: it starts when the first failing request was sent (a server that accepts a connection
// and then says nothing is down from that moment) and stops at the next answer that shows the
// service working (any non-transient answer, or new bytes of a download).
//
// The CLI gives it --retry-for (10 minutes unless told); the app leaves it unlimited: it keeps
// waiting for the service until the person pauses. Lives on its client's thread.
class OutageBudget
{
public:
    static constexpr qint64 kUnlimited = -1;

    void setLimitMs(qint64 ms) { m_limitMs = ms < 0 ? kUnlimited : ms; }
    qint64 limitMs() const { return m_limitMs; }
    bool isLimited() const { return m_limitMs != kUnlimited; }

    // The service answered (anything but a transient failure), or bytes moved.
    void noteReachable();
    // Bytes went out to the service. Not proof that it works (it may answer 500 after reading
    // them), so a running outage goes on; but a first failure counts from here, not from when the
    // request was sent.
    void noteActivity();
    // A request sent at `sentAtMs` (ms since the epoch) failed with a transient error.
    void noteUnreachable(const ApiError &error, qint64 sentAtMs);

    bool isDown() const { return m_downSinceMs >= 0; }
    qint64 downSinceMs() const { return m_downSinceMs; }
    // Limited, and the service has been out of reach for the whole limit.
    bool isSpent() const;
    // What is left of the budget, in ms (the whole limit while the service is up); kUnlimited
    // when there is no limit.
    qint64 remainingMs() const;
    // `wantedMs` shortened to what is left; -1 when the budget is spent.
    int clampDelay(int wantedMs) const;
    // The failure that started or last extended the outage (the server's own reason).
    const ApiError &lastError() const { return m_lastError; }
    // A request or a transfer will try again at `atMs` (ms since the epoch); nextRetryAtMs()
    // is the soonest one still ahead while the service is down, 0 otherwise: what "retrying in
    // N s" says.
    void noteRetryAt(qint64 atMs);
    qint64 nextRetryAtMs() const;

private:
    qint64 m_limitMs = kUnlimited;
    qint64 m_downSinceMs = -1;
    qint64 m_reachableAtMs = 0;
    qint64 m_activityAtMs = 0;
    qint64 m_nextRetryAtMs = 0;
    ApiError m_lastError;
};
