#include "ui/browse/NavigationHistory.h"

void NavigationHistory::visit(const RemotePath &folder)
{
    if (m_position >= 0 && m_entries.at(m_position) == folder)
        return;
    m_entries.resize(m_position + 1);
    m_entries.append(folder);
    m_position = m_entries.size() - 1;
    constexpr qsizetype kLimit = 200;
    if (m_entries.size() > kLimit) {
        m_entries.remove(0, m_entries.size() - kLimit);
        m_position = m_entries.size() - 1;
    }
}

RemotePath NavigationHistory::back()
{
    if (canGoBack())
        --m_position;
    return current();
}

RemotePath NavigationHistory::forward()
{
    if (canGoForward())
        ++m_position;
    return current();
}

void NavigationHistory::forget(const RemotePath &folder)
{
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {
        const RemotePath &entry = m_entries.at(i);
        if (entry == folder || folder.isAncestorOf(entry)) {
            m_entries.removeAt(i);
            if (i <= m_position)
                --m_position;
        }
    }
    // Two equal neighbours after a removal would make Back do nothing once.
    for (qsizetype i = m_entries.size() - 1; i > 0; --i) {
        if (m_entries.at(i) == m_entries.at(i - 1)) {
            m_entries.removeAt(i);
            if (i <= m_position)
                --m_position;
        }
    }
    if (m_position < 0 && !m_entries.isEmpty())
        m_position = 0;
}
