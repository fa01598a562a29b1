#include "network/api/FileSpecListStream.h"

FileSpecListStream::FileSpecListStream(qint64 expectedBytes, qsizetype pieceBytes)
    : m_pieceBytes(pieceBytes), m_expectedBytes(expectedBytes)
{
    m_splitter.emplace();
}

qsizetype FileSpecListStream::heldBytes() const
{
    return m_lenient ? m_rest.size() : qsizetype(m_splitter->rest().size());
}

void FileSpecListStream::append(const char *data, qsizetype size)
{
    m_totalBytes += size;
    if (!m_lenient) {
        m_splitter->append(data, size);
        readPieces();
        return;
    }
    if (m_totalBytes > FileSpecListParser::kMaxLenientBytes)
        m_rest = QByteArray(); // refused at the end, by its size alone
    else
        m_rest.append(data, size);
}

void FileSpecListStream::readPieces()
{
    while (!m_lenient) {
        const std::string_view piece = m_splitter->next(m_pieceBytes);
        if (piece.empty()) {
            if (m_splitter->failed())
                giveUp(m_splitter->rest());
            else if (m_splitter->openRunBytes() > FileSpecListParser::kMaxPieceBytes)
                giveUp(m_splitter->rest()); // the piece will be too large for simdjson
            return;
        }
        if (!m_reader.read(piece, &m_specs, &m_left)) {
            const std::string_view rest = m_splitter->rest();
            giveUp({piece.data(), size_t(rest.data() + rest.size() - piece.data())});
            return;
        }
        ++m_pieces;
        if (m_pieces == 1 && !m_specs.isEmpty() && m_expectedBytes > 0) {
            // Room for all, guessed from the first piece: growing a list of a million entries
            // copies it and holds old and new at once (~200 MB).
            const qsizetype perEntry = qMax<qsizetype>(1, qsizetype(piece.size()) / m_specs.size());
            m_specs.reserve(qsizetype(m_expectedBytes / perEntry * 11 / 10 + 16));
        }
    }
}

void FileSpecListStream::giveUp(std::string_view rest)
{
    m_lenient = true;
    // Qt must stand where it would stand in the whole document: before everything when no '['
    // was found, at the array's first element, or after an element and its comma (a "]" there
    // is an empty element, not the end of an empty array).
    if (m_splitter->opened()) {
        m_rest = m_pieces > 0 ? QByteArrayLiteral("[0,") : QByteArrayLiteral("[");
        m_placeholders = m_pieces > 0 ? 1 : 0;
    }
    if (m_totalBytes <= FileSpecListParser::kMaxLenientBytes)
        m_rest.append(rest.data(), qsizetype(rest.size()));
    else
        m_rest = QByteArray();
    m_splitter.reset();
}

std::optional<QList<FileSpec>> FileSpecListStream::finish(QString *error, QStringList *skipped)
{
    if (!m_lenient) {
        m_splitter->close();
        readPieces();
    }
    if (!m_lenient) {
        if (skipped)
            skipped->append(m_left);
        return std::move(m_specs);
    }
    if (m_totalBytes > FileSpecListParser::kMaxLenientBytes) {
        // QJsonDocument would take ~9 times the document in memory to say what is wrong.
        if (error)
            *error = QStringLiteral("the server's listing (%1 MiB) is not plain JSON")
                         .arg(m_totalBytes >> 20);
        return std::nullopt;
    }
    QStringList qtSkipped;
    auto rest = FileSpecListParser::parseWithQt(std::exchange(m_rest, {}), error, &qtSkipped,
                                                m_placeholders);
    if (!rest)
        return std::nullopt;
    m_specs.append(std::move(*rest));
    if (skipped)
        skipped->append(m_left + qtSkipped);
    return std::move(m_specs);
}
