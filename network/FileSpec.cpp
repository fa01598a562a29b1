#include "FileSpec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

namespace {

QDateTime parseTime(const QJsonValue &value)
{
    if (value.isDouble()) {
        // Milliseconds outside qint64 cannot be converted (undefined behaviour): no time given.
        const double ms = value.toDouble() * 1000.0;
        if (!(ms >= -0x1p63 && ms < 0x1p63))
            return {};
        return QDateTime::fromMSecsSinceEpoch(qint64(ms), Qt::UTC);
    }
    if (value.isString()) {
        QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
        if (!time.isValid())
            time = QDateTime::fromString(value.toString(), Qt::ISODate);
        // The API's times are UTC; a string without an offset must not be read as local time.
        if (time.isValid() && time.timeSpec() == Qt::LocalTime)
            time.setTimeSpec(Qt::UTC);
        return time.toUTC();
    }
    return {};
}

} // namespace

std::optional<FileSpec> FileSpec::fromJson(const QJsonObject &object, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<FileSpec> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    const QJsonValue pathValue = object.value(QLatin1String("path"));
    if (!pathValue.isString())
        return fail(QStringLiteral("an entry has no 'path'"));
    QString pathError;
    const auto path = RemotePath::parse(pathValue.toString(), &pathError);
    if (!path || path->isRoot())
        return fail(QStringLiteral("the server listed an unusable path: %1").arg(pathError));

    FileSpec spec;
    spec.path = *path;
    // The listed name must be the last segment of the path; anything else would let a hostile
    // answer make us write or show a different file than the one it names.
    spec.name = path->name();
    const QString listedName = object.value(QLatin1String("name")).toString();
    if (!listedName.isEmpty() && listedName != spec.name)
        return fail(QStringLiteral("the server listed '%1' under the path '%2'")
                        .arg(listedName, pathValue.toString()));
    if (!RemotePath::isValidName(spec.name))
        return fail(QStringLiteral("the server listed an unusable name: '%1'").arg(spec.name));

    const QJsonValue isFile = object.value(QLatin1String("is_file"));
    if (!isFile.isBool())
        return fail(QStringLiteral("the entry '%1' has no 'is_file'").arg(spec.name));
    spec.isFile = isFile.toBool();
    const QJsonValue size = object.value(QLatin1String("size"));
    if (!size.isUndefined() && !size.isNull() && !size.isDouble())
        return fail(
            QStringLiteral("the entry '%1' has a size that is not a number").arg(spec.name));
    const double sizeValue = size.toDouble();
    if (sizeValue < 0)
        return fail(QStringLiteral("the entry '%1' has a negative size").arg(spec.name));
    if (!(sizeValue < 0x1p63)) // converting it would be undefined behaviour
        return fail(QStringLiteral("the entry '%1' has an impossible size").arg(spec.name));
    spec.size = qint64(sizeValue);
    spec.created = parseTime(object.value(QLatin1String("created_time")));
    spec.updated = parseTime(object.value(QLatin1String("updated_time")));
    spec.checksumSha256 = object.value(QLatin1String("checksum_sha256")).toString().toLower();
    spec.checksumMd5 = object.value(QLatin1String("checksum_md5")).toString().toLower();
    return spec;
}

std::optional<QList<FileSpec>> FileSpec::parseList(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isArray()) {
        if (error)
            *error = QStringLiteral("the server's listing is not a JSON array (%1)")
                         .arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonArray array = document.array();
    QList<FileSpec> specs;
    specs.reserve(array.size());
    for (const QJsonValue &value : array) {
        auto spec = fromJson(value.toObject(), error);
        if (!spec)
            return std::nullopt;
        specs.append(std::move(*spec));
    }
    return specs;
}
