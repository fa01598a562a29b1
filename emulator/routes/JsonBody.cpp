#include "emulator/routes/JsonBody.h"

#include "emulator/routes/Exchange.h"
#include "emulator/server/HttpResponder.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace fal::emulator {

bool JsonBody::readObject(Exchange &ex, QJsonObject *out, bool optional, bool *present)
{
    QByteArray raw;
    const BodyReader::Status status = ex.body.readAll(kMaxBytes, &raw);
    if (status == BodyReader::Status::TooLarge) {
        HttpResponder::detail(ex.res, 413, QStringLiteral("Request body too large"));
        return false;
    }
    if (status != BodyReader::Status::Ok) {
        HttpResponder::detail(ex.res, 400, QStringLiteral("Request body could not be read"));
        return false;
    }
    if (present)
        *present = !raw.trimmed().isEmpty();
    if (raw.trimmed().isEmpty()) {
        if (optional) {
            *out = QJsonObject();
            return true;
        }
        HttpResponder::missingField(ex.res, QJsonArray {QStringLiteral("body")});
        return false;
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &error);
    if (error.error != QJsonParseError::NoError) {
        HttpResponder::validation(ex.res, QJsonArray {QStringLiteral("body"), error.offset},
                                  QStringLiteral("JSON decode error: %1").arg(error.errorString()),
                                  QStringLiteral("value_error.jsondecode"));
        return false;
    }
    if (!doc.isObject()) {
        HttpResponder::validation(ex.res, QJsonArray {QStringLiteral("body")},
                                  QStringLiteral("value is not a valid dict"),
                                  QStringLiteral("type_error.dict"));
        return false;
    }
    *out = doc.object();
    return true;
}

bool JsonBody::requireString(Exchange &ex, const QJsonObject &o, const QString &field, QString *out)
{
    const QJsonValue value = o.value(field);
    if (value.isUndefined() || value.isNull()) {
        HttpResponder::missingField(ex.res, QJsonArray {QStringLiteral("body"), field});
        return false;
    }
    if (!value.isString()) {
        HttpResponder::validation(ex.res, QJsonArray {QStringLiteral("body"), field},
                                  QStringLiteral("str type expected"),
                                  QStringLiteral("type_error.str"));
        return false;
    }
    *out = value.toString();
    return true;
}

} // namespace fal::emulator
