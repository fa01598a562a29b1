#pragma once

#include "network/transfer/SpeedMeter.h"

#include <QtGlobal>

class TransferTask;

// What TransferEngine knows of one queue item beyond the TransferItem itself: nothing here is
// journalled, all of it is about this process and this run. The engine keeps exactly one per item,
// made when the item enters the queue and dropped when it leaves, so nothing outlives its item.
// (A retry hold is the item's own retryAtMs: people see it, so it is not kept twice.)
struct TransferRuntime
{
    // The task that runs the item, null when none does. The items of a pack share one.
    TransferTask *task = nullptr;
    qint64 startedAtMs = 0; // when `task` started (ms since the epoch)
    SpeedMeter speed;
    int autoRetries = 0; // rounds of automatic retry after transient failures
    qint64 existingSize = -1; // what the conflicting target holds, while its question waits
    bool noPack = false; // goes the one-file way (handed back by a pack, or retried)
    bool foreign = false; // unfinished and owned by another live process: shown, never run here
    bool inSession = false; // counted by the totals of the current burst of work
    bool dirty = false; // changed since the last progress report
};
