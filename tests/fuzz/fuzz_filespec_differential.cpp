// The listing parser against its reference (network/api/FileSpecListParser.h): whenever the
// simdjson reader takes an answer on its own (parseStrict), QJsonDocument (parseWithQt) must
// read the very same entries and leave out the very same ones, with the same words. Where they
// would differ, parseStrict must give up and let Qt decide.

#include "network/api/FileSpecListParser.h"
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

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzzQuietLogging();
    // Both ways the parser cuts the array: every entry a piece of its own, and one piece for
    // all (a fuzz input is far below kPieceBytes).
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));

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
