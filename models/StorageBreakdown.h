#pragma once

#include "network/api/RemotePath.h"

#include <QList>
#include <QObject>
#include <QTimer>

class RemoteTreeModel;

// What takes the room in one folder, for the Storage view: the folder's items by size, the
// biggest kTop of them one by one and the rest summed as "other", with the totals (bytes, files,
// folders) of everything below. Folder sizes come from the model's FolderSizeCache (the same
// walks the details view's Size column uses, so opening the view costs nothing more); files are
// counted from the listing. While walks run the totals grow: summary() is worked out again at
// most every kRefreshMs (one pass over the folder's rows and a partial sort, O(n log kTop)), so a
// folder of 100,000 entries never has the window recount on every listing that arrives.
class StorageBreakdown : public QObject
{
    Q_OBJECT
public:
    struct Slice
    {
        RemotePath path; // empty for "other"
        QString name; // as the server gave it: escape it to show it
        bool isDir = false;
        bool known = true; // false while a folder is measured (bytes: what was found so far)
        bool failed = false; // could not be measured: `error` says why
        QString error;
        qint64 bytes = 0;
        int files = 0; // below a folder; 1 for a file
        int folders = 0;
        int otherItems = 0; // for "other": how many items it stands for
    };
    struct Summary
    {
        RemotePath folder;
        qint64 bytes = 0;
        int files = 0;
        int folders = 0;
        int measuring = 0; // folders still being measured (or waiting)
        int failed = 0;
        bool listed = false; // the folder's own listing is in
        bool complete() const { return listed && measuring == 0; }
        QList<Slice> slices; // biggest first, "other" last
    };

    static constexpr int kTop = 20;
    static constexpr int kRefreshMs = 250;

    explicit StorageBreakdown(RemoteTreeModel *model, QObject *parent = nullptr);

    // The folder to break down; its folders are measured (RemoteTreeModel::measureChildren).
    void setFolder(const RemotePath &folder);
    RemotePath folder() const { return m_folder; }
    const Summary &summary() const { return m_summary; }
    // Stops following the model (a hidden view): no recounting until setActive(true).
    void setActive(bool active);

Q_SIGNALS:
    void changed();

private:
    void schedule();
    void recount();

    RemoteTreeModel *m_model;
    RemotePath m_folder;
    Summary m_summary;
    QTimer m_timer;
    bool m_active = true;
};
