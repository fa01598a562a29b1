// The listing parser against its reference (network/api/FileSpecListParser.h): whenever the
// simdjson reader takes an answer on its own (parseStrict), QJsonDocument (parseWithQt) must
// read the very same entries and leave out the very same ones, with the same words. Where they
// would differ, parseStrict must give up and let Qt decide. And FileSpecListStream, fed the input
// as it would arrive (a few bytes at a time), must say exactly what parse() says of it whole.

#include "network/api/FileSpecListParser.h"
#include "network/api/FileSpecListStream.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QByteArray>

#include <cstdint>

namespace {

bool same(const FileSpec &a, const FileSpec &b)
{
    return a.path == b.path && a.name == b.name && a.created == b.created
        && a.created.isValid() == b.created.isValid() && a.updated == b.updated
        && a.updated.isValid() == b.updated.isValid() && a.isFile == b.isFile && a.size == b.size
        && a.checksumSha256 == b.checksumSha256 && a.checksumMd5 == b.checksumMd5;
}

// The stream, given `json` in parts of 1 to 7 bytes (sizes drawn from the input itself) with
// pieces of `pieceBytes`, against parse() of the whole.
void checkStream(const QByteArray &json, qsizetype pieceBytes)
{
    QString wholeError;
    QStringList wholeSkipped;
    const auto whole = FileSpecListParser::parse(json, &wholeError, &wholeSkipped);

    FileSpecListStream stream(json.size(), pieceBytes);
    for (qsizetype at = 0; at < json.size();) {
        const qsizetype part = qMin<qsizetype>(1 + quint8(json.at(at)) % 7, json.size() - at);
        stream.append(json.constData() + at, part);
        at += part;
    }
    QString error;
    QStringList skipped;
    const auto streamed = stream.finish(&error, &skipped);
    FUZZ_CHECK(bool(streamed) == bool(whole));
    if (!whole) {
        FUZZ_CHECK(error == wholeError);
        return;
    }
    FUZZ_CHECK(streamed->size() == whole->size());
    for (qsizetype i = 0; i < whole->size(); ++i)
        FUZZ_CHECK(same(streamed->at(i), whole->at(i)));
    FUZZ_CHECK(skipped == wholeSkipped);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzQuietLogging();
    // Both ways the parser cuts the array: every entry a piece of its own, and one piece for
    // all (a fuzz input is far below kPieceBytes).
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    checkStream(json, 1);
    checkStream(json, FileSpecListParser::kPieceBytes);

    QStringList strictSkipped;
    const auto strict = FileSpecListParser::parseStrict(json, &strictSkipped);
    QStringList pieceSkipped;
    const auto onePerPiece = FileSpecListParser::parseStrict(json, &pieceSkipped, 1);
    FUZZ_CHECK(bool(strict) == bool(onePerPiece));
    if (!strict) {
        FUZZ_CHECK(strictSkipped.isEmpty());
        return 0;
    }
    QString error;
    QStringList qtSkipped;
    const auto reference = FileSpecListParser::parseWithQt(json, &error, &qtSkipped);
    FUZZ_CHECK(reference);
    FUZZ_CHECK(strict->size() == reference->size() && onePerPiece->size() == reference->size());
    for (qsizetype i = 0; i < strict->size(); ++i) {
        FUZZ_CHECK(same(strict->at(i), reference->at(i)));
        FUZZ_CHECK(same(onePerPiece->at(i), reference->at(i)));
    }
    FUZZ_CHECK(strictSkipped == qtSkipped && pieceSkipped == qtSkipped);
    return 0;
}
