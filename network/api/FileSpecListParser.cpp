#include "network/api/FileSpecListParser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

namespace od = simdjson::ondemand;

static_assert(FileSpecListParser::kPadding >= simdjson::SIMDJSON_PADDING + 1,
              "simdjson reads SIMDJSON_PADDING bytes past the end; Qt keeps one for its NUL");

namespace {

using Field = FileSpec::Field;
using Kind = Field::Kind;

// Qt refuses nesting past 1024 levels; simdjson's answer is taken only well below that, deeper
// documents are Qt's to judge.
constexpr int kMaxDepth = 256;

// A number as QJsonDocument reads it, or false. Qt refuses a number that underflows to zero
// (a non-zero digit before the exponent) where simdjson gives 0; overflow both refuse.
bool readNumber(od::value &value, double *number)
{
    if (value.get_double().get(*number))
        return false;
    if (*number != 0)
        return true;
    std::string_view raw = value.raw_json_token();
    for (const char c : raw) {
        if (c >= '1' && c <= '9')
            return false;
        if (c == 'e' || c == 'E')
            break;
    }
    return true;
}

bool validate(od::value &value, int depth);

// Reads one value into `field` (a value of a key we use) or only checks it (`field` null). Every
// value is read, also under keys we ignore: on-demand parsing skips what is not asked for
// without checking it, and QJsonDocument refused the whole answer for a bad value anywhere.
bool read(od::value &value, Field *field, int depth)
{
    od::json_type type;
    if (value.type().get(type))
        return false;
    Field ignored;
    Field &target = field ? *field : ignored;
    target = Field(); // a key given twice: the last one counts, as in QJsonObject
    switch (type) {
    case od::json_type::string: {
        std::string_view text;
        if (value.get_string().get(text))
            return false;
        target.kind = Kind::String;
        if (field)
            target.string = QString::fromUtf8(text.data(), qsizetype(text.size()));
        return true;
    }
    case od::json_type::number:
        target.kind = Kind::Number;
        return readNumber(value, &target.number);
    case od::json_type::boolean:
        target.kind = Kind::Bool;
        return !value.get_bool().get(target.boolean);
    case od::json_type::null: {
        bool isNull = false;
        target.kind = Kind::Null;
        return !value.is_null().get(isNull) && isNull;
    }
    case od::json_type::array:
    case od::json_type::object:
        target.kind = Kind::Other;
        return validate(value, depth);
    }
    return false;
}

bool validate(od::value &value, int depth)
{
    if (depth > kMaxDepth)
        return false;
    od::json_type type;
    if (value.type().get(type))
        return false;
    if (type == od::json_type::array) {
        od::array array;
        if (value.get_array().get(array))
            return false;
        for (auto element : array) {
            od::value item;
            if (element.get(item) || !read(item, nullptr, depth + 1))
                return false;
        }
        return true;
    }
    if (type == od::json_type::object) {
        od::object object;
        if (value.get_object().get(object))
            return false;
        for (auto member : object) {
            std::string_view key;
            od::value item;
            if (member.unescaped_key().get(key) || member.value().get(item)
                || !read(item, nullptr, depth + 1))
                return false;
        }
        return true;
    }
    return read(value, nullptr, depth);
}

Field *fieldFor(FileSpec::Fields &fields, std::string_view key)
{
    if (key == "path")
        return &fields.path;
    if (key == "name")
        return &fields.name;
    if (key == "is_file")
        return &fields.isFile;
    if (key == "size")
        return &fields.size;
    if (key == "created_time")
        return &fields.created;
    if (key == "updated_time")
        return &fields.updated;
    if (key == "checksum_sha256")
        return &fields.checksumSha256;
    if (key == "checksum_md5")
        return &fields.checksumMd5;
    return nullptr;
}

// One entry (an object), or false when the document is not plain JSON or the entry not an
// object: Qt then says which.
bool readEntry(od::value &value, FileSpec::Fields *fields)
{
    od::object object;
    if (value.get_object().get(object))
        return false;
    for (auto member : object) {
        std::string_view key;
        od::value item;
        if (member.unescaped_key().get(key) || member.value().get(item))
            return false;
        if (!read(item, fieldFor(*fields, key), 3))
            return false;
    }
    return true;
}

} // namespace

std::optional<QList<FileSpec>> FileSpecListParser::parse(const QByteArray &json, QString *error,
                                                         QStringList *skipped)
{
    if (auto specs = parseStrict(json, skipped))
        return specs;
    return parseWithQt(json, error, skipped);
}

std::optional<QList<FileSpec>> FileSpecListParser::parseStrict(const QByteArray &json,
                                                               QStringList *skipped)
{
    if (json.size() > kMaxStrictBytes)
        return std::nullopt;
    // In place when the body has room after it (ListJob reserves it), else one padded copy.
    simdjson::padded_string copy;
    simdjson::padded_string_view view;
    // data_ptr() only looks (it has no const overload in Qt 6.4); nothing is written.
    if (const_cast<QByteArray &>(json).data_ptr().freeSpaceAtEnd() >= kPadding) {
        view = simdjson::padded_string_view(json.constData(), size_t(json.size()),
                                            size_t(json.size() + kPadding - 1));
    } else {
        copy = simdjson::padded_string(json.constData(), size_t(json.size()));
        view = simdjson::padded_string_view(copy);
    }

    od::parser parser {size_t(kMaxStrictBytes)};
    od::document document;
    od::array array;
    if (parser.iterate(view).get(document) || document.get_array().get(array))
        return std::nullopt;
    QList<FileSpec> specs;
    QStringList left;
    for (auto element : array) {
        od::value value;
        FileSpec::Fields fields;
        if (element.get(value) || !readEntry(value, &fields))
            return std::nullopt;
        QString why;
        auto spec = FileSpec::fromFields(fields, &why);
        if (!spec) {
            left.append(why);
            continue;
        }
        specs.append(std::move(*spec));
    }
    // Anything after the array ("[] []") is Qt's "garbage at the end".
    if (document.current_location().error() != simdjson::OUT_OF_BOUNDS)
        return std::nullopt;
    if (skipped)
        skipped->append(left);
    return specs;
}

std::optional<QList<FileSpec>> FileSpecListParser::parseWithQt(const QByteArray &json,
                                                               QString *error, QStringList *skipped)
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
        auto spec = FileSpec::fromJson(value.toObject(), &why);
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

void FileSpecListParser::addPadding(QByteArray &json)
{
    const qsizetype size = json.size();
    json.reserve(size + kPadding);
    json.append(kPadding, '\0');
    json.truncate(size);
}
