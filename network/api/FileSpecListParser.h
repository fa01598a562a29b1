#pragma once

#include "network/api/FileSpec.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

// Reads a listing (a JSON array of entries, network/api/PROTOCOL.md) into FileSpec records with
// simdjson's on-demand API: no QJsonDocument, no QVariant per entry. A listing of 100,000 entries
// is 16 MB; QJsonDocument took ~570 ms and 138 MB for it.
//
// What is accepted and refused is exactly what QJsonDocument accepted and refused: simdjson is
// strict JSON, Qt's parser is lenient in places (unknown escapes, "1.", ".5", a BOM, raw control
// characters in strings) and strict in others (a number that underflows to 0, nesting past
// 1024). parse() takes simdjson's answer only when the document is plain JSON that both read
// the same; anything else (every malformed or hostile answer) is handed to parseWithQt(), the
// old reader, which gives today's result and error message. fuzz_filespec_differential checks
// that the two agree.
class FileSpecListParser
{
public:
    // Entries are parsed a piece of about this many bytes at a time (see parseStrict).
    static constexpr qsizetype kPieceBytes = 1024 * 1024;
    // A single entry larger than this is refused rather than indexed.
    static constexpr qsizetype kMaxPieceBytes = 64LL * 1024 * 1024;
    // A document larger than this that simdjson does not take is refused without asking Qt,
    // whose document tree costs ~9 times its size.
    static constexpr qsizetype kMaxLenientBytes = 64LL * 1024 * 1024;

    static std::optional<QList<FileSpec>> parse(const QByteArray &json, QString *error = nullptr,
                                                QStringList *skipped = nullptr);

    // simdjson alone: the entries (and those left out, in `skipped`), or nullopt when the document
    // is not plain JSON read the same by both parsers, and parseWithQt() must decide.
    // Parsed in pieces of whole entries of at least `pieceBytes` (the fuzz targets use 1: every
    // entry alone), so that memory beyond the entries stays ~4 times a piece at any size.
    static std::optional<QList<FileSpec>> parseStrict(const QByteArray &json,
                                                      QStringList *skipped = nullptr,
                                                      qsizetype pieceBytes = kPieceBytes);
    // The reference: QJsonDocument, then FileSpec::fromJson for every entry. The first
    // `placeholders` elements only stand for entries read before (FileSpecListStream hands Qt
    // the rest of a document after "[0,"): Qt checks them as JSON, they give no entry.
    static std::optional<QList<FileSpec>> parseWithQt(const QByteArray &json,
                                                      QString *error = nullptr,
                                                      QStringList *skipped = nullptr,
                                                      qsizetype placeholders = 0);

    // simdjson's reader of pieces (whole entries and the commas between them, as
    // JsonArraySplitter hands them out), kept from piece to piece so that its buffers are
    // allocated once.
    class PieceReader
    {
    public:
        PieceReader();
        ~PieceReader();
        Q_DISABLE_COPY_MOVE(PieceReader)
        // Appends the piece's entries to `specs` and the sentences of those left out to `left`;
        // false, with both unchanged, when the piece is not plain JSON that both parsers read the
        // same, or holds something else than entries.
        bool read(std::string_view piece, QList<FileSpec> *specs, QStringList *left);

    private:
        struct Parser;
        std::unique_ptr<Parser> m_parser;
        std::string m_buffer;
    };
};
