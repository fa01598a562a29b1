#pragma once

#include <QtGlobal>

#include <string_view>

// Walks the elements of a top-level JSON array without parsing them, so that a listing of any
// size can be parsed in pieces: simdjson's index costs 4 bytes per byte of the document it
// parses, 640 MB for the 160 MB listing of a million entries, and ~4 MB for a piece of 1 MiB.
//
// It understands only enough JSON to find where an element ends (strings and their escapes,
// brackets) and checks only what lies between elements: whitespace and one comma. The pieces it
// hands out must still be parsed by a real parser, which checks everything inside them. Anything
// it does not expect (no '[' first, an empty element, bytes after the closing ']') makes it
// fail(): the caller then hands the whole document to a parser that explains what is wrong.
class JsonArraySplitter
{
public:
    JsonArraySplitter(const char *data, qsizetype size);

    // The next run of whole elements with the commas between them, at least `minBytes` long
    // unless the array ends first (at least one element). Empty at the end or on failure.
    std::string_view next(qsizetype minBytes);

    // The array was closed and nothing but whitespace follows it.
    bool finished() const { return m_state == State::Finished; }
    bool failed() const { return m_state == State::Failed; }

private:
    enum class State { Elements, Finished, Failed };

    qsizetype skipSpace(qsizetype at) const;
    // Where the element starting at `at` ends: the index of the ',' or ']' that follows it at
    // depth 0, or -1 when the document ends first.
    qsizetype elementEnd(qsizetype at) const;
    void fail() { m_state = State::Failed; }

    const char *m_data;
    qsizetype m_size;
    qsizetype m_at = 0; // the next element starts here (after whitespace)
    State m_state = State::Elements;
};
