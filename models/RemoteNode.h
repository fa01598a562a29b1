#pragma once

#include "models/LocalExpectation.h"
#include "network/api/FileSpec.h"

#include <QHash>
#include <memory>
#include <vector>

struct RemoteFolder;

// One file or folder of the remote tree. `row` is the node's index in its parent's children
// (kept current so that QAbstractItemModel::parent() is O(1)). What only a folder has (its rows,
// their listing, the app's expectations) is in `folder`: a file points at RemoteFolder::none(),
// one shared empty instance that is never written, so that a million files do not carry ~130
// bytes of folder state each (a node is 152 bytes instead of 288).
struct RemoteNode
{
    enum class State {
        Unlisted, // never asked for (lazy)
        Loading, // the first listing is in flight or its rows are still being inserted
        Listed,
        Failed, // the first listing failed: `error` says why; retry with a refresh
    };

    RemoteNode(FileSpec spec, RemoteNode *parent);
    ~RemoteNode();
    RemoteNode(const RemoteNode &) = delete;
    RemoteNode &operator=(const RemoteNode &) = delete;

    FileSpec spec;
    RemoteNode *parent = nullptr;
    int row = 0;
    RemoteFolder *folder; // owned by a folder; RemoteFolder::none() for a file

    bool isDir() const { return spec.isDir(); }
    inline bool hasPending() const;
    inline RemoteNode *child(const QString &name) const;
    // Totals of the direct children, kept as rows come and go.
    inline void count(const FileSpec &entry, int sign);
    inline void renumber(int from = 0);
    // A rename or move changes the path of everything below too.
    inline void setPath(const RemotePath &path);
};

struct RemoteFolder
{
    std::vector<std::unique_ptr<RemoteNode>> children;
    QHash<QString, RemoteNode *> byName;

    RemoteNode::State state = RemoteNode::State::Unlisted;
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

    // What a file answers: no rows, never listed.
    static RemoteFolder *none()
    {
        static RemoteFolder empty;
        return &empty;
    }
};

inline RemoteNode::RemoteNode(FileSpec spec, RemoteNode *parent)
    : spec(std::move(spec))
    , parent(parent)
    , folder(this->spec.isDir() ? new RemoteFolder : RemoteFolder::none())
{
}

inline RemoteNode::~RemoteNode()
{
    if (folder != RemoteFolder::none())
        delete folder;
}

bool RemoteNode::hasPending() const
{
    return folder->pendingNext < folder->pending.size();
}

RemoteNode *RemoteNode::child(const QString &name) const
{
    return folder->byName.value(name);
}

void RemoteNode::count(const FileSpec &entry, int sign)
{
    if (entry.isDir()) {
        folder->folderCount += sign;
    } else {
        folder->fileCount += sign;
        folder->fileBytes += sign * entry.size;
    }
}

void RemoteNode::renumber(int from)
{
    for (int i = from; i < int(folder->children.size()); ++i)
        folder->children[size_t(i)]->row = i;
}

void RemoteNode::setPath(const RemotePath &path)
{
    spec.path = path;
    spec.name = path.name();
    for (auto &child : folder->children)
        child->setPath(path.child(child->spec.name));
}
