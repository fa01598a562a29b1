#include "network/api/JsonArraySplitter.h"

#include <cstring>

namespace {

bool isJsonSpace(char c)
{
    // JSON's whitespace, as both simdjson and QJsonDocument read it.
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

JsonArraySplitter::JsonArraySplitter(const char *data, qsizetype size) : m_data(data), m_size(size)
{
    const qsizetype open = skipSpace(0);
    if (open >= m_size || m_data[open] != '[') {
        fail();
        return;
    }
    m_at = skipSpace(open + 1);
    if (m_at < m_size && m_data[m_at] == ']') { // []
        m_state = skipSpace(m_at + 1) == m_size ? State::Finished : State::Failed;
    }
}

qsizetype JsonArraySplitter::skipSpace(qsizetype at) const
{
    while (at < m_size && isJsonSpace(m_data[at]))
        ++at;
    return at;
}

qsizetype JsonArraySplitter::elementEnd(qsizetype at) const
{
    int depth = 0;
    while (at < m_size) {
        const char c = m_data[at];
        if (c == '"') {
            // To the closing quote: the next '"' not escaped by an odd run of backslashes.
            // memchr is what makes this fast: most of a listing's bytes are inside strings.
            for (;;) {
                const void *quote = std::memchr(m_data + at + 1, '"', size_t(m_size - at - 1));
                if (!quote)
                    return -1;
                at = static_cast<const char *>(quote) - m_data;
                qsizetype backslashes = 0;
                while (m_data[at - 1 - backslashes] == '\\')
                    ++backslashes;
                if (backslashes % 2 == 0)
                    break;
            }
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (depth == 0)
                return c == ']' ? at : -1;
            --depth;
        } else if (c == ',' && depth == 0) {
            return at;
        }
        ++at;
    }
    return -1;
}

std::string_view JsonArraySplitter::next(qsizetype minBytes)
{
    if (m_state != State::Elements)
        return {};
    const qsizetype start = m_at;
    qsizetype end = start;
    for (;;) {
        const qsizetype elementStart = m_at;
        const qsizetype stop = elementEnd(elementStart);
        if (stop < 0 || skipSpace(elementStart) == stop) { // cut short, or an empty element
            fail();
            return {};
        }
        end = stop;
        if (m_data[stop] == ']') {
            m_state = skipSpace(stop + 1) == m_size ? State::Finished : State::Failed;
            if (failed())
                return {};
            break;
        }
        m_at = skipSpace(stop + 1); // past the comma
        if (end - start >= minBytes)
            break;
    }
    return {m_data + start, size_t(end - start)};
}
