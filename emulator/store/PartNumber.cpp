#include "emulator/store/PartNumber.h"

#include <QJsonValue>

#include <cmath>

namespace fal::emulator {

PartNumber::Parse PartNumber::fromText(std::string_view text, int *number)
{
    if (text.empty())
        return Parse::NotInteger;
    long long value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return Parse::NotInteger;
        if (value <= kMax) // stop growing once out of range: no overflow on long inputs
            value = value * 10 + (c - '0');
    }
    if (value < kMin || value > kMax)
        return Parse::OutOfRange;
    *number = int(value);
    return Parse::Ok;
}

PartNumber::Parse PartNumber::fromJson(const QJsonValue &value, int *number)
{
    if (!value.isDouble())
        return Parse::NotInteger;
    const double d = value.toDouble();
    if (!std::isfinite(d) || d != std::floor(d))
        return Parse::NotInteger;
    if (d < kMin || d > kMax)
        return Parse::OutOfRange;
    *number = int(d);
    return Parse::Ok;
}

} // namespace fal::emulator
