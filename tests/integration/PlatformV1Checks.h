#pragma once

#include "tests/integration/EmulatorApiFixture.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

// The shapes of fal's Platform API v1 (its OpenAPI description), checked on raw answers by
// tst_emulator_v1_routes and tst_emulator_v1_errors. Each check returns what is wrong, or an
// empty string, so a test can QCOMPARE it with QString() and see the reason when it fails.
namespace v1check {

inline const std::string kV1 = "/v1/serverless/files";

// Milliseconds since the epoch of a v1 time ("2025-05-22T07:46:40.123Z"), or -1.
inline qint64 isoMs(const QJsonValue &v)
{
    static const QRegularExpression form(
        QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$)"));
    if (!v.isString() || !form.match(v.toString()).hasMatch())
        return -1;
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() && t.timeSpec() == Qt::UTC ? t.toMSecsSinceEpoch() : -1;
}

// One listing entry: exactly path, name, created_time, updated_time, is_file, size (checksums
// optional, nothing else: additionalProperties is false), each of its type.
inline QString entryProblem(const QJsonObject &e)
{
    const QSet<QString> required {"path",         "name",    "created_time",
                                  "updated_time", "is_file", "size"};
    const QSet<QString> optional {"checksum_sha256", "checksum_md5"};
    const QStringList keys = e.keys();
    const QSet<QString> present(keys.cbegin(), keys.cend());
    if (!present.contains(required) || !(present - required - optional).isEmpty())
        return QStringLiteral("keys: ") + keys.join(QLatin1Char(','));
    const QString path = e.value("path").toString();
    if (!e.value("path").isString() || !path.startsWith(QLatin1String("/data/")))
        return QStringLiteral("path: ") + path;
    if (e.value("name").toString() != path.section(QLatin1Char('/'), -1))
        return QStringLiteral("name of ") + path;
    if (isoMs(e.value("created_time")) < 0 || isoMs(e.value("updated_time")) < 0)
        return QStringLiteral("times of ") + path;
    if (!e.value("is_file").isBool())
        return QStringLiteral("is_file of ") + path;
    const QJsonValue size = e.value("size");
    if (!size.isDouble() || size.toDouble() != double(size.toInteger()) || size.toInteger() < 0
        || (!e.value("is_file").toBool() && size.toInteger() != 0))
        return QStringLiteral("size of ") + path;
    return QString();
}

// Every entry of a listing answer (status 200, a JSON array of objects).
inline QString listingProblem(const httplib::Result &r, QJsonArray *entries = nullptr)
{
    if (!r || r->status != 200)
        return QStringLiteral("status %1").arg(r ? r->status : -1);
    if (r->get_header_value("Content-Type") != "application/json")
        return QStringLiteral("content type");
    const QJsonDocument doc = emutest::json(r);
    if (!doc.isArray())
        return QStringLiteral("not an array: ") + QString::fromStdString(r->body);
    for (const QJsonValue &v : doc.array()) {
        if (!v.isObject())
            return QStringLiteral("not an object");
        if (const QString why = entryProblem(v.toObject()); !why.isEmpty())
            return why;
    }
    if (entries)
        *entries = doc.array();
    return QString();
}

// The v1 error envelope: {"error": {"type": T, "message": M, "request_id": R}}, nothing more.
inline QString envelopeProblem(const httplib::Result &r, int status, const QString &type,
                               QString *requestId = nullptr, QString *message = nullptr)
{
    if (!r)
        return QStringLiteral("no answer");
    if (r->status != status)
        return QStringLiteral("status %1: %2").arg(r->status).arg(QString::fromStdString(r->body));
    if (r->get_header_value("Content-Type") != "application/json")
        return QStringLiteral("content type");
    const QJsonObject o = emutest::json(r).object();
    if (o.keys() != QStringList {"error"} || !o.value("error").isObject())
        return QStringLiteral("not an envelope: ") + QString::fromStdString(r->body);
    const QJsonObject error = o.value("error").toObject();
    if (error.keys() != QStringList {"message", "request_id", "type"})
        return QStringLiteral("error keys: ") + error.keys().join(QLatin1Char(','));
    if (error.value("type").toString() != type)
        return QStringLiteral("type ") + error.value("type").toString();
    if (!error.value("message").isString() || error.value("message").toString().isEmpty())
        return QStringLiteral("message");
    if (!error.value("request_id").isString() || error.value("request_id").toString().isEmpty())
        return QStringLiteral("request_id");
    if (requestId)
        *requestId = error.value("request_id").toString();
    if (message)
        *message = error.value("message").toString();
    return QString();
}

} // namespace v1check
