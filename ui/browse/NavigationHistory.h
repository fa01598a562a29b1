#pragma once

#include "network/api/RemotePath.h"

#include <QList>

// Back and forward through the folders visited, as in a web browser: visiting a folder after
// going back drops the forward list.
class NavigationHistory
{
public:
    void visit(const RemotePath &folder);
    bool canGoBack() const { return m_position > 0; }
    bool canGoForward() const { return m_position + 1 < m_entries.size(); }
    RemotePath back(); // the folder to show; the caller shows it without visit()
    RemotePath forward();
    // A folder that no longer exists (deleted, moved) leaves the history.
    void forget(const RemotePath &folder);
    RemotePath current() const { return m_entries.value(m_position); }

private:
    QList<RemotePath> m_entries;
    qsizetype m_position = -1;
};
