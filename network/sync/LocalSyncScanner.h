#pragma once

#include "network/sync/IgnoreRules.h"
#include "network/sync/SyncTree.h"

#include <atomic>

// The local side of a sync: walks a folder (on a worker thread), leaving out what `rules`
// exclude without entering excluded folders, and the top-level .fal_hash (sync metadata, see
// SyncRunner). Symbolic links are never followed out of the folder: a link to a file inside it
// is the file it points to (read through the resolved path); a link to a file outside, a link to
// a folder and a dangling link are left out with a note, as are sockets, FIFOs and devices.
class LocalSyncScanner
{
public:
    static SyncTree scan(const QString &root, const IgnoreRules &rules,
                         const std::atomic_bool *cancel = nullptr);
};
