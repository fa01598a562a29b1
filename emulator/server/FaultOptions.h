#pragma once

#include <QString>
#include <QStringList>

namespace fal::emulator {

// Switches that break the network on purpose. They apply to the files routes only (`/files/...`
// and `/v1/serverless/files/...`).
struct FaultOptions
{
    int latencyMs = 0; // added before each request is handled
    // Close the connection once this many bytes of a request or response body have passed
    // (< 0: never). Every request that crosses the mark is dropped, until dropLimit drops.
    qint64 dropAfterBytes = -1;
    int dropLimit = 0; // how many drops may happen in total; 0 = no limit
    double errorRate = 0.0; // share of requests answered errorStatus with errorDetail
    int errorStatus = 503; // 500..599
    QString errorDetail
        = QStringLiteral("Service temporarily unavailable (injected by the emulator)");
    double rateLimitRate = 0.0; // share of requests answered 429 with Retry-After
    int retryAfterSeconds = 1;
    quint64 seed = 0; // the same seed and request order give the same faults

    bool operator==(const FaultOptions &) const = default;

    // Reads FAL_EMULATOR_LATENCY_MS, FAL_EMULATOR_DROP_AFTER_BYTES, FAL_EMULATOR_DROP_LIMIT,
    // FAL_EMULATOR_ERROR_RATE, FAL_EMULATOR_ERROR_STATUS, FAL_EMULATOR_ERROR_DETAIL,
    // FAL_EMULATOR_RATE_LIMIT_RATE, FAL_EMULATOR_RETRY_AFTER and
    // FAL_EMULATOR_SEED over `base`. Unparsable values are reported in `errors` and ignored.
    static FaultOptions fromEnvironment(const FaultOptions &base, QStringList *errors = nullptr);
    static FaultOptions fromEnvironment(QStringList *errors = nullptr);
    bool isValid(QString *error = nullptr) const;
};

} // namespace fal::emulator
