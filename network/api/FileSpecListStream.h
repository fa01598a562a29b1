#pragma once

#include "network/api/FileSpec.h"
#include "network/api/FileSpecListParser.h"
#include "network/api/JsonArraySplitter.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// Reads a listing while it arrives: each run of whole entries of about a piece
// (FileSpecListParser::kPieceBytes) is parsed by simdjson as soon as it is complete and then
// dropped, so that what is held besides the entries is about a piece and the bytes of the entry
// still arriving, not the answer (16 MB for 100,000 entries).
//
// The answer is judged exactly as FileSpecListParser::parse() judges it whole (the fuzz target
// fuzz_filespec_differential checks that): what simdjson gives up on (anything not plain JSON,
// malformed or hostile) is kept from the first entry not read, and at the end handed to Qt
// behind "[0," (or "[") so that Qt's parser stands where it would in the whole document and says
// the same; a document of more than kMaxLenientBytes is refused with the same sentence, and its
// rest is not kept.
class FileSpecListStream
{
public:
    // `expectedBytes`: the announced length, when known, so that the list of entries is reserved
    // once. `pieceBytes`: see FileSpecListParser::parseStrict (the tests use 1).
    explicit FileSpecListStream(qint64 expectedBytes = 0,
                                qsizetype pieceBytes = FileSpecListParser::kPieceBytes);
    Q_DISABLE_COPY_MOVE(FileSpecListStream)

    // The next bytes of the answer; every piece they complete is parsed now.
    void append(const char *data, qsizetype size);
    void append(const QByteArray &bytes) { append(bytes.constData(), bytes.size()); }
    // The answer ended: its entries (and in `skipped` those left out), or nullopt and `error`,
    // as FileSpecListParser::parse() says. Call once.
    std::optional<QList<FileSpec>> finish(QString *error = nullptr, QStringList *skipped = nullptr);

    // The bytes held besides the entries (for the tests: it must stay about a piece).
    qsizetype heldBytes() const;
    // Whether simdjson gave up and Qt will judge the rest (for the tests).
    bool lenient() const { return m_lenient; }

private:
    void readPieces();
    // simdjson gave up on what starts at `rest`: from now on the bytes are kept for Qt.
    void giveUp(std::string_view rest);

    std::optional<JsonArraySplitter> m_splitter;
    FileSpecListParser::PieceReader m_reader;
    qsizetype m_pieceBytes;
    qint64 m_expectedBytes;
    qint64 m_totalBytes = 0;
    QList<FileSpec> m_specs;
    QStringList m_left;
    qsizetype m_pieces = 0; // read by simdjson
    bool m_lenient = false;
    QByteArray m_rest; // for Qt, once lenient (empty past kMaxLenientBytes)
    qsizetype m_placeholders = 0; // the elements m_rest starts with that stand for m_specs
};
