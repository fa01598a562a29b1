#include "network/api/FileSpecListParser.h"

#include "network/api/JsonArraySplitter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <simdjson.h>

namespace od = simdjson::ondemand;

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
    if (json.size() > kMaxLenientBytes) {
        // QJsonDocument would take ~9 times the document in memory to say what is wrong.
        if (error)
            *error = QStringLiteral("the server's listing (%1 MiB) is not plain JSON")
                         .arg(json.size() >> 20);
        return std::nullopt;
    }
    return parseWithQt(json, error, skipped);
}

struct FileSpecListParser::PieceReader::Parser
{
    od::parser parser {size_t(kMaxPieceBytes) + 2};
};

FileSpecListParser::PieceReader::PieceReader() : m_parser(std::make_unique<Parser>()) { }

FileSpecListParser::PieceReader::~PieceReader() = default;

bool FileSpecListParser::PieceReader::read(std::string_view piece, QList<FileSpec> *specs,
                                           QStringList *left)
{
    // Each piece is copied into one padded buffer as an array of its own: simdjson's index then
    // stays ~4 times a piece, not 4 times the document (JsonArraySplitter.h).
    if (qsizetype(piece.size()) > kMaxPieceBytes)
        return false; // one entry of 64 MiB: not a listing to index whole
    m_buffer.clear();
    m_buffer.push_back('[');
    m_buffer.append(piece);
    m_buffer.push_back(']');
    const size_t length = m_buffer.size();
    m_buffer.append(simdjson::SIMDJSON_PADDING, '\0');
    const qsizetype hadSpecs = specs->size();
    const qsizetype hadLeft = left->size();
    const auto undo = [&] {
        specs->resize(hadSpecs);
        left->resize(hadLeft);
        return false;
    };
    od::document document;
    od::array array;
    if (m_parser->parser
            .iterate(simdjson::padded_string_view(m_buffer.data(), length, m_buffer.size()))
            .get(document)
        || document.get_array().get(array))
        return undo();
    for (auto element : array) {
        od::value value;
        FileSpec::Fields fields;
        if (element.get(value) || !readEntry(value, &fields))
            return undo();
        QString why;
        auto spec = FileSpec::fromFields(fields, &why);
        if (!spec) {
            left->append(why);
            continue;
        }
        specs->append(std::move(*spec));
    }
    // Anything after the piece's array would be a splitter's mistake; Qt then decides.
    if (document.current_location().error() != simdjson::OUT_OF_BOUNDS)
        return undo();
    return true;
}

std::optional<QList<FileSpec>>
FileSpecListParser::parseStrict(const QByteArray &json, QStringList *skipped, qsizetype pieceBytes)
{
    // The array is parsed a piece of whole entries at a time (PieceReader). The copy of each
    // piece costs a memcpy of the document.
    JsonArraySplitter splitter(json.constData(), json.size());
    PieceReader reader;
    QList<FileSpec> specs;
    bool reserved = false;
    QStringList left;
    for (std::string_view piece; !(piece = splitter.next(pieceBytes)).empty();) {
        if (!reader.read(piece, &specs, &left))
            return std::nullopt;
        if (!reserved && !specs.isEmpty()) {
            reserved = true;
            // Room for all, guessed from the first piece: growing a list of a million entries
            // copies it and holds old and new at once (~200 MB).
            const qsizetype perEntry = qMax<qsizetype>(1, qsizetype(piece.size()) / specs.size());
            specs.reserve(json.size() / perEntry * 11 / 10 + 16);
        }
    }
    if (!splitter.finished())
        return std::nullopt;
    if (skipped)
        skipped->append(left);
    return specs;
}

std::optional<QList<FileSpec>> FileSpecListParser::parseWithQt(const QByteArray &json,
                                                               QString *error, QStringList *skipped,
                                                               qsizetype placeholders)
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
    specs.reserve(qMax<qsizetype>(0, array.size() - placeholders));
    for (const QJsonValue &value : array) {
        if (placeholders > 0) {
            --placeholders;
            continue;
        }
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
