// The emulator's streaming multipart/form-data parser (MultipartFormParser). Input: one byte
// choosing the chunk size, the Content-Type line, '\n', the body. The body is parsed in one go
// and again in chunks; both must agree (parts, names, bytes, success), since the network splits
// bodies anywhere.

#include "emulator/routes/MultipartFormParser.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QByteArray>
#include <QList>

#include <cstdint>
#include <string>

namespace {

struct Outcome
{
    bool ok = true;
    bool complete = false;
    QList<QString> names;
    QList<QString> filenames;
    QList<QByteArray> contents;
    int ended = 0;
};

Outcome parse(const std::string &boundary, const QByteArray &body, qsizetype step)
{
    Outcome o;
    fal::emulator::MultipartFormParser parser(boundary);
    parser.onPartBegin = [&](const fal::emulator::MultipartFormParser::PartHeader &h) {
        o.names << h.name;
        o.filenames << (h.hasFilename ? h.filename : QStringLiteral("<none>"));
        o.contents << QByteArray();
        return true;
    };
    parser.onPartData = [&](const char *data, size_t length) {
        FUZZ_CHECK(!o.contents.isEmpty());
        o.contents.last().append(data, qsizetype(length));
        return true;
    };
    parser.onPartEnd = [&] {
        ++o.ended;
        return true;
    };
    for (qsizetype i = 0; i < body.size() && o.ok; i += step)
        o.ok = parser.feed(body.constData() + i, size_t(qMin(step, body.size() - i)));
    o.complete = parser.isComplete();
    FUZZ_CHECK(o.ok || !parser.error().isEmpty()); // callbacks never stop it here
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype step = 1 + data[0] % 61;
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const qsizetype newline = rest.indexOf('\n');
    const QByteArray contentType = newline < 0 ? QByteArray() : rest.left(newline);
    const QByteArray body = newline < 0 ? rest : rest.mid(newline + 1);

    std::string boundary;
    if (!fal::emulator::MultipartFormParser::boundaryFromContentType(contentType.toStdString(),
                                                                     &boundary))
        boundary = "fuzzB0undary";
    FUZZ_CHECK(!boundary.empty());
    const Outcome whole = parse(boundary, body, qMax<qsizetype>(1, body.size()));
    const Outcome pieces = parse(boundary, body, step);
    FUZZ_CHECK(whole.ok == pieces.ok);
    FUZZ_CHECK(whole.complete == pieces.complete);
    if (whole.ok) {
        FUZZ_CHECK(whole.names == pieces.names);
        FUZZ_CHECK(whole.filenames == pieces.filenames);
        FUZZ_CHECK(whole.contents == pieces.contents);
        FUZZ_CHECK(whole.ended == pieces.ended);
    }
    qsizetype delivered = 0;
    for (const QByteArray &content : whole.contents)
        delivered += content.size();
    FUZZ_CHECK(delivered <= body.size());
    return 0;
}
