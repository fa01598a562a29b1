#include "network/api/JsonArraySplitter.h"

#include <cstring>

namespace {

bool isJsonSpace(char c)
{
    // JSON's whitespace, as both simdjson and QJsonDocument read it.
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

} // namespace

JsonArraySplitter::JsonArraySplitter(const char *data, qsizetype size)
    : m_data(data), m_size(size), m_closed(true)
{
}

JsonArraySplitter::JsonArraySplitter() : m_data(m_buffer.data()), m_size(0), m_closed(false) { }

void JsonArraySplitter::append(const char *data, qsizetype size)
{
    Q_ASSERT(!m_closed && m_data == m_buffer.data());
    // What was handed out is dropped once it is at least half of what is held: a byte is then
    // moved a few times at most, and what is held stays about a run and what arrived since.
    if (m_runStart > 0 && m_runStart >= qsizetype(m_buffer.size()) / 2) {
        m_buffer.erase(0, size_t(m_runStart));
        m_at -= m_runStart;
        m_scan -= m_runStart;
        if (m_runEnd >= 0)
            m_runEnd -= m_runStart;
        m_runStart = 0;
    }
    m_buffer.append(data, size_t(size));
    m_data = m_buffer.data();
    m_size = qsizetype(m_buffer.size());
}

qsizetype JsonArraySplitter::skipSpace(qsizetype at, qsizetype end) const
{
    while (at < end && isJsonSpace(m_data[at]))
        ++at;
    return at;
}

qsizetype JsonArraySplitter::scanElement()
{
    qsizetype at = m_scan;
    while (at < m_size) {
        if (m_inString) {
            // To the closing quote: the next '"' not escaped by an odd run of backslashes (the
            // run stops at the opening quote at the latest, which is still held). memchr is
            // what makes this fast: most of a listing's bytes are inside strings.
            const void *quote = std::memchr(m_data + at, '"', size_t(m_size - at));
            if (!quote) {
                at = m_size;
                break;
            }
            const qsizetype closing = static_cast<const char *>(quote) - m_data;
            qsizetype backslashes = 0;
            while (m_data[closing - 1 - backslashes] == '\\')
                ++backslashes;
            at = closing + 1;
            if (backslashes % 2 == 0)
                m_inString = false;
            continue;
        }
        const char c = m_data[at];
        if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            ++m_depth;
        } else if (c == '}' || c == ']') {
            if (m_depth == 0) {
                m_scan = at;
                return c == ']' ? at : kBad;
            }
            --m_depth;
        } else if (c == ',' && m_depth == 0) {
            m_scan = at;
            return at;
        }
        ++at;
    }
    m_scan = at;
    return kNeedMore;
}

std::string_view JsonArraySplitter::handOut(qsizetype end)
{
    const qsizetype start = m_runStart;
    m_runStart = end + 1; // past the comma (or the closing bracket)
    m_runEnd = -1;
    return {m_data + start, size_t(end - start)};
}

std::string_view JsonArraySplitter::next(qsizetype minBytes)
{
    if (m_state == State::Opening) {
        m_scan = skipSpace(m_scan, m_size);
        if (m_scan == m_size) {
            if (m_closed)
                fail();
            return {};
        }
        if (m_data[m_scan] != '[') {
            fail();
            return {};
        }
        m_runStart = m_at = ++m_scan;
        m_state = State::Elements;
        m_opened = true;
    }
    while (m_state == State::Elements) {
        if (m_runEnd < 0 && m_scan == m_at) {
            // The whitespace before a run is not part of it (nor of what rest() keeps).
            m_runStart = m_at = m_scan = skipSpace(m_scan, m_size);
        }
        const qsizetype stop = scanElement();
        if (stop == kNeedMore) {
            if (m_closed)
                fail(); // cut short
            return {};
        }
        const bool closes = stop != kBad && m_data[stop] == ']';
        if (stop == kBad || (skipSpace(m_at, stop) == stop && !(closes && !m_anyElement))) {
            fail(); // a brace closing nothing, or an empty element (not in [])
            return {};
        }
        if (skipSpace(m_at, stop) != stop) {
            m_anyElement = true;
            m_runEnd = stop;
        }
        m_at = m_scan = stop + 1;
        if (closes) {
            m_state = State::Closing;
            break;
        }
        if (stop - m_runStart >= minBytes)
            return handOut(stop);
    }
    if (m_state == State::Closing) {
        // Nothing but whitespace may follow the array; the last run waits until that is sure.
        m_scan = skipSpace(m_scan, m_size);
        if (m_scan < m_size) {
            fail();
            return {};
        }
        if (!m_closed)
            return {};
        m_state = State::Finished;
        if (m_runEnd >= 0)
            return handOut(m_runEnd);
    }
    return {};
}
