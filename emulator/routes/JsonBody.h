#pragma once

#include <QJsonObject>
#include <QString>

namespace fal::emulator {

struct Exchange;

// Reads a small JSON request body and validates fields the way FastAPI/pydantic reports it:
// 422 {"detail":[{"loc":["body","url"],"msg":"field required","type":"value_error.missing"}]}.
// On failure the answer is already written and the caller just returns.
class JsonBody
{
public:
    static constexpr qint64 kMaxBytes = 4 * 1024 * 1024; // a complete with 10,000 parts fits

    // `optional`: an empty body is fine and yields an empty object with *present = false.
    static bool readObject(Exchange &ex, QJsonObject *out, bool optional = false,
                           bool *present = nullptr);
    static bool requireString(Exchange &ex, const QJsonObject &o, const QString &field,
                              QString *out);
};

} // namespace fal::emulator
