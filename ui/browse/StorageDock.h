#pragma once

#include "network/api/RemotePath.h"

#include <QDockWidget>

class QLabel;
class RemoteTreeModel;
class StorageBreakdown;
class StorageChart;

// The Storage view: what takes the room in the current folder, as a panel beside the files
// (Dolphin's panels, Filelight's bars): the total and the counts on top, while measuring how far
// it got, then a bar per item, biggest first. It follows the folder the window shows, and a click
// on a folder's bar goes there (the panel then breaks that folder down), on a file's bar selects
// the file. A panel rather than a dialog because it is used while browsing, not instead of it.
// View → Storage, Ctrl+Shift+S; Esc in the chart hides it.
class StorageDock : public QDockWidget
{
    Q_OBJECT
public:
    StorageDock(RemoteTreeModel *model, QWidget *parent = nullptr);

    static QKeySequence toggleKey();
    void setFolder(const RemotePath &folder);
    StorageBreakdown *breakdown() const { return m_breakdown; }
    StorageChart *chart() const { return m_chart; }
    QString summaryText() const;

Q_SIGNALS:
    void activated(const RemotePath &path, bool isDir);

private:
    void showSummary();

    StorageBreakdown *m_breakdown;
    StorageChart *m_chart;
    QLabel *m_summary;
};
