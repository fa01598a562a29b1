#pragma once

#include "network/api/FileSpec.h"
#include "network/transfer/TransferItem.h"

#include <QStringList>

class BatchSink;

// Turns a drop or a command ("these local paths to that folder", "these remote files and folders
// to this local folder") into queue items, off the UI thread: local folders are scanned on a
// worker, remote folders are walked listing by listing. No state of its own: what it needs of the
// engine is the narrow BatchSink, which gets the items when the batch is built.
class TransferBatchBuilder
{
public:
    static qint64 upload(BatchSink *sink, const QStringList &localPaths, const RemotePath &folder,
                         ConflictPolicy policy, const QString &renameTo, qint64 batch);
    static qint64 download(BatchSink *sink, const QList<FileSpec> &sources,
                           const QString &localFolder, ConflictPolicy policy,
                           const QString &renameTo, qint64 batch);
};
