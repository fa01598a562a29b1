#pragma once

#include "network/transfer/TransferItem.h"

#include <QList>
#include <QString>

class TransferService;

// One row of the transfers dock: what people asked for in one go (a dropped folder, a selection
// of downloads, a CLI command), as Cyberduck and KIO show it. Its items are the files; what the
// row says about them all (total progress, speed, state, source and destination) is summed up by
// refresh(), which the model calls at most a few times a second, so painting a row never walks a
// job of 10,000 files.
struct TransferJob
{
    // Items of one batch share a job; an item of no batch (older journals) is its own job.
    static qint64 keyOf(const TransferItem &item)
    {
        return item.batchId > 0 ? item.batchId : -item.id;
    }

    qint64 key = 0;
    QList<qint64> ids; // the engine's order

    // What refresh() found.
    TransferItem::Direction direction = TransferItem::Direction::Upload;
    TransferItem::State state = TransferItem::State::Queued;
    QString name; // the folder's name, or "3 files"
    bool isFolder = false;
    QString source; // where the bytes come from: a local folder, a /data folder, a URL
    QString destination; // the folder they land in
    int finished = 0; // items that ended, whichever way
    int failed = 0;
    int done = 0; // arrived
    int cancelled = 0;
    int skipped = 0;
    qint64 size = 0; // bytes of the items whose size is known
    qint64 bytesDone = 0;
    double speed = 0;
    qint64 secondsLeft = -1;
    qint64 retryAtMs = 0; // the earliest end of a wait for the service among running items
    QString firstError; // of the first failed item

    void refresh(const TransferService &transfers);
    // Source, destination and name; they change only when items come or go.
    void describe(const TransferService &transfers);

    // Where an item lands, as the Destination column says it: "/data/models", "~/Downloads".
    static QString destinationOf(const TransferItem &item);
    // "~/x" for a path under the home folder.
    static QString homeRelative(const QString &localPath);
};
