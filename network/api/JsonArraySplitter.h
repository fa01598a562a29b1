#pragma once

#include <QtGlobal>

#include <string>
#include <string_view>

// Walks the elements of a top-level JSON array without parsing them, so that a listing of any
// size can be parsed in pieces: simdjson's index costs 4 bytes per byte of the document it
// parses, 640 MB for the 160 MB listing of a million entries, and ~4 MB for a piece of 1 MiB.
//
// It understands only enough JSON to find where an element ends (strings and their escapes,
// brackets) and checks only what lies between elements: whitespace and one comma. The pieces it
// hands out must still be parsed by a real parser, which checks everything inside them. Anything
// it does not expect (no '[' first, an empty element, bytes after the closing ']') makes it
// fail(): the caller then hands the document to a parser that explains what is wrong.
//
// Two ways to use it: over a whole document (the first constructor), or as the document arrives
// (the second, then append() and close()): it then keeps only what it has not handed out yet,
// and remembers how far it scanned, so that bytes given a few at a time are scanned once.
class JsonArraySplitter
{
public:
    // Over a whole document, which it does not copy.
    JsonArraySplitter(const char *data, qsizetype size);
    // Over a document that arrives in parts: append() each, close() after the last.
    JsonArraySplitter();
    Q_DISABLE_COPY_MOVE(JsonArraySplitter) // m_data may point into m_buffer

    // More of the document. Invalidates what next() and rest() returned before.
    void append(const char *data, qsizetype size);
    // The document ends here: what is still open is cut short.
    void close() { m_closed = true; }

    // The next run of whole elements with the commas between them, at least `minBytes` long
    // unless the array ends first (at least one element). Empty at the end, on failure, or when
    // the run is not complete yet in a document that is still arriving (needsMore()). The last
    // run is handed out only once close() said that nothing follows the array.
    std::string_view next(qsizetype minBytes);

    // The array was closed and nothing but whitespace follows it.
    bool finished() const { return m_state == State::Finished; }
    bool failed() const { return m_state == State::Failed; }
    bool needsMore() const { return !finished() && !failed(); }
    // The '[' was found: rest() then starts inside the array.
    bool opened() const { return m_opened; }
    // What arrived and was not handed out: from the start of the next run (after the '[' or the
    // comma that ended the last run; the whole document before the '[') to the end so far.
    std::string_view rest() const { return {m_data + m_runStart, size_t(m_size - m_runStart)}; }

    // The bytes of the run not handed out yet, when it is still open: the piece it becomes is at
    // least this long.
    qsizetype openRunBytes() const { return m_state == State::Elements ? m_size - m_runStart : 0; }

private:
    enum class State { Opening, Elements, Closing, Finished, Failed };

    qsizetype skipSpace(qsizetype at, qsizetype end) const;
    // Scans on from m_scan: the index of the ',' or ']' that ends the element at depth 0,
    // kNeedMore when the bytes so far end first, kBad for a '}' or ']' closing nothing.
    qsizetype scanElement();
    std::string_view handOut(qsizetype end);
    void fail() { m_state = State::Failed; }

    static constexpr qsizetype kNeedMore = -1;
    static constexpr qsizetype kBad = -2;

    std::string m_buffer; // what arrived and is still needed, when the document arrives in parts
    const char *m_data;
    qsizetype m_size;
    bool m_closed;
    State m_state = State::Opening;
    qsizetype m_runStart = 0; // the next run starts here
    qsizetype m_runEnd = -1; // the end of the run's last whole element, -1 before one
    qsizetype m_at = 0; // the element being scanned starts here (maybe after whitespace)
    qsizetype m_scan = 0; // scanned up to here
    int m_depth = 0; // of brackets at m_scan, inside the element
    bool m_inString = false; // m_scan is inside a string
    bool m_opened = false; // the '[' was found
    bool m_anyElement = false; // an element was seen: a ']' then closes a non-empty array
};
