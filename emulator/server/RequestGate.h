#pragma once

#include <QString>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace httplib {
struct Request;
struct Response;
} // namespace httplib

namespace fal::emulator {

class FaultInjector;

// Runs before routing for every request: starts the request's RequestContext, hides what httplib
// must not act on by itself (Range, multipart bodies), notes the request's surface (REST or
// Platform API v1), then for the files routes of both surfaces applies the latency, injected
// 503/429 and Key auth, in that order. An answer it decides on is sent at once for bodiless
// requests; for the others it is parked in the context and sent by the router after the body
// was read (answering before reading would leave body bytes on a kept-alive connection).
class RequestGate
{
public:
    RequestGate(FaultInjector &faults, QString key, const std::atomic<bool> &stopping);

    bool admit(const httplib::Request &req, httplib::Response &res); // true: answered already
    static void sendPending(httplib::Response &res); // the parked answer of the current request
    void wake(); // ends latency sleeps (on stop)

    static QString statusText(int status);

private:
    bool checkKey(const std::string &authorization, int *status, QString *detail) const;

    FaultInjector &m_faults;
    QByteArray m_key;
    const std::atomic<bool> &m_stopping;
    std::mutex m_sleepMutex;
    std::condition_variable m_sleepWake;
};

} // namespace fal::emulator
