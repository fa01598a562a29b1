#include "emulator/server/FaultOptions.h"

#include <QtGlobal>

namespace fal::emulator {

namespace {

template<typename T, typename Parse>
void readEnv(const char *name, T *target, QStringList *errors, Parse parse)
{
    if (!qEnvironmentVariableIsSet(name))
        return;
    const QString text = qEnvironmentVariable(name).trimmed();
    if (text.isEmpty())
        return;
    bool ok = false;
    const T value = parse(text, &ok);
    if (ok)
        *target = value;
    else if (errors)
        errors->append(QStringLiteral("%1: not a number: %2").arg(QLatin1String(name), text));
}

} // namespace

FaultOptions FaultOptions::fromEnvironment(const FaultOptions &base, QStringList *errors)
{
    FaultOptions o = base;
    const auto toInt = [](const QString &s, bool *ok) { return s.toInt(ok); };
    const auto toLongLong = [](const QString &s, bool *ok) { return s.toLongLong(ok); };
    const auto toDouble = [](const QString &s, bool *ok) { return s.toDouble(ok); };
    const auto toULongLong = [](const QString &s, bool *ok) { return s.toULongLong(ok); };
    readEnv("FAL_EMULATOR_LATENCY_MS", &o.latencyMs, errors, toInt);
    readEnv("FAL_EMULATOR_DROP_AFTER_BYTES", &o.dropAfterBytes, errors, toLongLong);
    readEnv("FAL_EMULATOR_DROP_LIMIT", &o.dropLimit, errors, toInt);
    readEnv("FAL_EMULATOR_ERROR_RATE", &o.errorRate, errors, toDouble);
    readEnv("FAL_EMULATOR_ERROR_STATUS", &o.errorStatus, errors, toInt);
    if (qEnvironmentVariableIsSet("FAL_EMULATOR_ERROR_DETAIL"))
        o.errorDetail = qEnvironmentVariable("FAL_EMULATOR_ERROR_DETAIL");
    readEnv("FAL_EMULATOR_RATE_LIMIT_RATE", &o.rateLimitRate, errors, toDouble);
    readEnv("FAL_EMULATOR_RETRY_AFTER", &o.retryAfterSeconds, errors, toInt);
    readEnv("FAL_EMULATOR_SEED", &o.seed, errors, toULongLong);
    return o;
}

FaultOptions FaultOptions::fromEnvironment(QStringList *errors)
{
    return fromEnvironment(FaultOptions(), errors);
}

bool FaultOptions::isValid(QString *error) const
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (latencyMs < 0)
        return fail(QStringLiteral("latency must not be negative"));
    if (dropLimit < 0)
        return fail(QStringLiteral("drop limit must not be negative"));
    if (errorRate < 0.0 || errorRate > 1.0)
        return fail(QStringLiteral("error rate must be between 0 and 1"));
    if (errorStatus < 500 || errorStatus > 599)
        return fail(QStringLiteral("error status must be between 500 and 599"));
    if (rateLimitRate < 0.0 || rateLimitRate > 1.0)
        return fail(QStringLiteral("rate-limit rate must be between 0 and 1"));
    if (retryAfterSeconds < 0)
        return fail(QStringLiteral("Retry-After must not be negative"));
    return true;
}

} // namespace fal::emulator
