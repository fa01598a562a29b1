#pragma once

#include "models/LocalExpectation.h"
#include "network/api/FileSpec.h"

#include <QHash>
#include <memory>
#include <vector>

// One file or folder of the remote tree. Folders own their children; `row` is the node's index
// in its parent's `children` (kept current so that QAbstractItemModel::parent() is O(1)).
struct RemoteNode
{
    enum class State {
        Unlisted, // never asked for (lazy)
        Loading, // the first listing is in flight or its rows are still being inserted
        Listed,
        Failed, // the first listing failed: `error` says why; retry with a refresh
    };

    RemoteNode(FileSpec spec, RemoteNode *parent) : spec(std::move(spec)), parent(parent) { }

    FileSpec spec;
    RemoteNode *parent = nullptr;
    int row = 0;
    std::vector<std::unique_ptr<RemoteNode>> children;
    QHash<QString, RemoteNode *> byName;

    State state = State::Unlisted;
    bool refreshing = false; // a listing is in flight while rows are shown
    QString error; // the last listing's failure, for people; empty when it worked
    QList<FileSpec> pending; // listed rows not inserted yet (inserted in batches)
    qsizetype pendingNext = 0;
    // Names the app added itself (applyLocal*): while it has added none since the listing was
    // diffed, no pending row can be there already, and a million rows skip that lookup.
    quint64 namesAddedByApp = 0;
    quint64 namesAddedByAppAtDiff = 0;
    LocalExpectations expectations;
    quint64 revision = 0; // bumped whenever `children` changes

    // Totals of the direct children, for the status bar (kept as rows come and go).
    int fileCount = 0;
    int folderCount = 0;
    qint64 fileBytes = 0;

    bool isDir() const { return spec.isDir(); }
    bool hasPending() const { return pendingNext < pending.size(); }
    RemoteNode *child(const QString &name) const { return byName.value(name); }

    void count(const FileSpec &entry, int sign)
    {
        if (entry.isDir()) {
            folderCount += sign;
        } else {
            fileCount += sign;
            fileBytes += sign * entry.size;
        }
    }
    void renumber(int from = 0)
    {
        for (int i = from; i < int(children.size()); ++i)
            children[size_t(i)]->row = i;
    }
    // A rename or move changes the path of everything below too.
    void setPath(const RemotePath &path)
    {
        spec.path = path;
        spec.name = path.name();
        for (auto &child : children)
            child->setPath(path.child(child->spec.name));
    }
};
