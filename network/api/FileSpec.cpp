#include "network/api/FileSpec.h"

#include "network/api/FileSpecListParser.h"

#include <QJsonObject>
#include <QTimeZone>

#include <cmath>

namespace {

// Beyond this a number from the server is not a time or a size but an attack or a bug, and
// converting it to an integer would be undefined behaviour.
constexpr double kMaxSeconds = 1e11; // the year 5138
constexpr double kMaxSize = 9007199254740992.0; // 2^53 bytes (8 PiB), exact in a double

using Kind = FileSpec::Field::Kind;

QDateTime parseTime(const FileSpec::Field &value)
{
    if (value.kind == Kind::Number) {
        const double seconds = value.number;
        if (!std::isfinite(seconds) || std::abs(seconds) > kMaxSeconds)
            return {};
        return QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000.0), Qt::UTC);
    }
    if (value.kind == Kind::String) {
        QDateTime time = QDateTime::fromString(value.string, Qt::ISODateWithMs);
        if (!time.isValid())
            time = QDateTime::fromString(value.string, Qt::ISODate);
        // The API's times are UTC; a string without an offset must not be read as local time.
        if (time.isValid() && time.timeSpec() == Qt::LocalTime)
            time.setTimeSpec(Qt::UTC);
        return time.toUTC();
    }
    return {};
}

FileSpec::Field field(const QJsonValue &value)
{
    FileSpec::Field result;
    switch (value.type()) {
    case QJsonValue::Undefined:
        break;
    case QJsonValue::Null:
        result.kind = Kind::Null;
        break;
    case QJsonValue::Bool:
        result.kind = Kind::Bool;
        result.boolean = value.toBool();
        break;
    case QJsonValue::Double:
        result.kind = Kind::Number;
        result.number = value.toDouble();
        break;
    case QJsonValue::String:
        result.kind = Kind::String;
        result.string = value.toString();
        break;
    default:
        result.kind = Kind::Other;
    }
    return result;
}

// QJsonValue::toString(): anything but a string reads as "".
QString text(const FileSpec::Field &value)
{
    return value.kind == Kind::String ? value.string : QString();
}

} // namespace

FileSpec FileSpec::folder(const RemotePath &path)
{
    FileSpec spec;
    spec.path = path;
    spec.name = path.name();
    spec.isFile = false;
    return spec;
}

std::optional<FileSpec> FileSpec::fromJson(const QJsonObject &object, QString *error)
{
    Fields fields;
    fields.path = field(object.value(QLatin1String("path")));
    fields.name = field(object.value(QLatin1String("name")));
    fields.isFile = field(object.value(QLatin1String("is_file")));
    fields.size = field(object.value(QLatin1String("size")));
    fields.created = field(object.value(QLatin1String("created_time")));
    fields.updated = field(object.value(QLatin1String("updated_time")));
    fields.checksumSha256 = field(object.value(QLatin1String("checksum_sha256")));
    fields.checksumMd5 = field(object.value(QLatin1String("checksum_md5")));
    return fromFields(fields, error);
}

std::optional<FileSpec> FileSpec::fromFields(const Fields &fields, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<FileSpec> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (fields.path.kind != Kind::String)
        return fail(QStringLiteral("an entry has no 'path'"));
    const QString &pathText = fields.path.string;
    QString pathError;
    const auto path = RemotePath::parse(pathText, &pathError);
    if (!path || path->isRoot())
        return fail(
            QStringLiteral("the server listed an unusable path '%1': %2").arg(pathText, pathError));

    FileSpec spec;
    spec.path = *path;
    // The listed name must be the last segment of the path; anything else would let a hostile
    // answer make us write or show a different file than the one it names.
    spec.name = path->name();
    const QString listedName = text(fields.name);
    if (!listedName.isEmpty() && listedName != spec.name)
        return fail(
            QStringLiteral("the server listed '%1' under the path '%2'").arg(listedName, pathText));
    if (!RemotePath::isValidName(spec.name))
        return fail(QStringLiteral("the server listed an unusable name: '%1'").arg(spec.name));

    if (fields.isFile.kind != Kind::Bool)
        return fail(QStringLiteral("the entry '%1' has no 'is_file'").arg(spec.name));
    spec.isFile = fields.isFile.boolean;
    const Kind sizeKind = fields.size.kind;
    if (sizeKind != Kind::Missing && sizeKind != Kind::Null && sizeKind != Kind::Number)
        return fail(
            QStringLiteral("the entry '%1' has a size that is not a number").arg(spec.name));
    const double bytes = sizeKind == Kind::Number ? fields.size.number : 0.0;
    if (!(bytes >= 0 && bytes <= kMaxSize)) // also refuses NaN
        return fail(QStringLiteral("the entry '%1' has an impossible size").arg(spec.name));
    spec.size = qint64(bytes);
    spec.created = parseTime(fields.created);
    spec.updated = parseTime(fields.updated);
    spec.checksumSha256 = text(fields.checksumSha256).toLower();
    spec.checksumMd5 = text(fields.checksumMd5).toLower();
    return spec;
}

std::optional<QList<FileSpec>> FileSpec::parseList(const QByteArray &json, QString *error,
                                                   QStringList *skipped)
{
    return FileSpecListParser::parse(json, error, skipped);
}
