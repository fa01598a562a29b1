#include "network/api/FileSpec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cmath>

namespace {

// Beyond this a number from the server is not a time or a size but an attack or a bug, and
// converting it to an integer would be undefined behaviour.
constexpr double kMaxSeconds = 1e11; // the year 5138
constexpr double kMaxSize = 9007199254740992.0; // 2^53 bytes (8 PiB), exact in a double

QDateTime parseTime(const QJsonValue &value)
{
    if (value.isDouble()) {
        const double seconds = value.toDouble();
        if (!std::isfinite(seconds) || std::abs(seconds) > kMaxSeconds)
            return {};
        return QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000.0), Qt::UTC);
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
        return fail(QStringLiteral("the server listed an unusable path '%1': %2")
                        .arg(pathValue.toString(), pathError));

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
    const double bytes = size.toDouble();
    if (!(bytes >= 0 && bytes <= kMaxSize)) // also refuses NaN
        return fail(QStringLiteral("the entry '%1' has an impossible size").arg(spec.name));
    spec.size = qint64(bytes);
    spec.created = parseTime(object.value(QLatin1String("created_time")));
    spec.updated = parseTime(object.value(QLatin1String("updated_time")));
    spec.checksumSha256 = object.value(QLatin1String("checksum_sha256")).toString().toLower();
    spec.checksumMd5 = object.value(QLatin1String("checksum_md5")).toString().toLower();
    return spec;
}

std::optional<QList<FileSpec>> FileSpec::parseList(const QByteArray &json, QString *error,
                                                   QStringList *skipped)
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
        if (!value.isObject()) {
            // Not a listing of entries at all (an array of numbers, of strings...).
            if (error)
                *error = QStringLiteral("the server's listing holds something else than entries");
            return std::nullopt;
        }
        QString why;
        auto spec = fromJson(value.toObject(), &why);
        if (!spec) {
            // One bad entry (a name that cannot exist here, a wrong type) costs that entry only;
            // the caller says which were left out.
            if (skipped)
                skipped->append(why);
            continue;
        }
        specs.append(std::move(*spec));
    }
    return specs;
}
