#include "network/transfer/TransferBatchBuilder.h"

#include "network/api/RemoteWalker.h"
#include "network/io/TransferWorkers.h"
#include "network/text/VisibleText.h"
#include "network/transfer/BatchSink.h"
#include "network/transfer/LocalScanner.h"

#include <QDir>
#include <QFutureWatcher>
#include <QtConcurrent>
#include <memory>

namespace {

RemotePath remoteFor(const RemotePath &folder, const QString &relativePath, bool *ok)
{
    RemotePath path = folder;
    *ok = true;
    for (const QString &segment : relativePath.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (!RemotePath::isValidName(segment)) {
            *ok = false;
            return folder;
        }
        path = path.child(segment);
    }
    return path;
}

} // namespace

qint64 TransferBatchBuilder::upload(BatchSink *sink, const QStringList &localPaths,
                                    const RemotePath &folder, ConflictPolicy policy,
                                    const QString &renameTo, qint64 batch)
{
    sink->batchStarted(batch);
    auto *watcher = new QFutureWatcher<LocalScanner::Result>(sink->batchOwner());
    QObject::connect(
        watcher, &QFutureWatcher<LocalScanner::Result>::finished, sink->batchOwner(),
        [sink, watcher, batch, folder, policy, renameTo] {
            const LocalScanner::Result scan = watcher->result();
            watcher->deleteLater();
            QList<TransferItem> items;
            for (const LocalScanner::Entry &entry : scan.entries) {
                TransferItem item;
                item.batchId = batch;
                item.direction = TransferItem::Direction::Upload;
                item.localPath = entry.localPath;
                bool ok = false;
                QString relative = entry.relativePath;
                if (!renameTo.isEmpty()) // the dropped item's own name is the first segment
                    relative = renameTo
                        + relative.mid(relative.indexOf(QLatin1Char('/')) < 0
                                           ? relative.size()
                                           : relative.indexOf(QLatin1Char('/')));
                item.remotePath = remoteFor(folder, relative, &ok);
                item.size = entry.size;
                item.localModified = entry.modified;
                item.conflictPolicy = policy;
                if (!entry.problem.isEmpty() || !ok) {
                    item.state = TransferItem::State::Failed;
                    item.error = entry.problem.isEmpty()
                        ? QStringLiteral("'%1' cannot be stored on fal")
                              .arg(VisibleText::escaped(entry.relativePath))
                        : entry.problem;
                    item.errorKind = ApiError::Kind::Local;
                }
                items.append(item);
            }
            sink->batchBuilt(batch, items, scan.notes);
        });
    LocalScanner::Options options;
    options.followLinksOut = sink->followsLinksOut();
    watcher->setFuture(QtConcurrent::run(TransferWorkers::pool(), [localPaths, options] {
        return LocalScanner::scan(localPaths, options);
    }));
    return batch;
}

qint64 TransferBatchBuilder::download(BatchSink *sink, const QList<FileSpec> &sources,
                                      const QString &localFolder, ConflictPolicy policy,
                                      const QString &renameTo, qint64 batch)
{
    sink->batchStarted(batch);
    const QDir target(localFolder);

    struct Pending
    {
        QList<TransferItem> items;
        QStringList notes;
        int walkers = 0;
    };
    auto pending = std::make_shared<Pending>();
    auto itemFor = [batch, policy](const FileSpec &spec, const QString &localPath) {
        TransferItem item;
        item.batchId = batch;
        item.direction = TransferItem::Direction::Download;
        item.remotePath = spec.path;
        item.localPath = localPath;
        item.size = spec.size;
        item.expectedSha256 = spec.checksumSha256;
        item.conflictPolicy = policy;
        return item;
    };
    auto finishIfDone = [sink, batch, pending] {
        if (pending->walkers == 0)
            sink->batchBuilt(batch, pending->items, pending->notes);
    };

    for (const FileSpec &source : sources) {
        // The listing's name; else (a spec made by hand) the path's last part, "data" for /data.
        const QString remoteName = !source.name.isEmpty() ? source.name
            : source.path.isRoot()                        ? QStringLiteral("data")
                                                          : source.path.name();
        const QString localName = renameTo.isEmpty() ? remoteName : renameTo;
        if (source.isFile) {
            pending->items.append(itemFor(source, target.filePath(localName)));
            continue;
        }
        ++pending->walkers;
        auto *walker = new RemoteWalker(sink->batchClient(), source.path, sink->batchOwner());
        QObject::connect(walker, &RemoteWalker::finished, sink->batchOwner(), [=] {
            walker->deleteLater();
            --pending->walkers;
            // Below the source folder, paths are kept; the folder itself takes the local name.
            auto localFor = [&](const RemotePath &remote) {
                const QString below = remote == source.path
                    ? QString()
                    : remote.relative().mid(source.path.relative().size()
                                            + (source.path.isRoot() ? 0 : 1));
                return below.isEmpty() ? target.filePath(localName)
                                       : target.filePath(localName + QLatin1Char('/') + below);
            };
            if (!walker->succeeded()) {
                const QString message = QStringLiteral("Cannot list %1: %2")
                                            .arg(source.path.absolute(), walker->error().message());
                pending->notes << message;
                sink->batchSourceFailed(batch, message);
            } else {
                // What the listings held but cannot be downloaded is said, never skipped silently.
                for (const QString &why : walker->skipped())
                    pending->notes << QStringLiteral("Left out: %1").arg(why);
                for (const FileSpec &file : walker->files())
                    pending->items.append(itemFor(file, localFor(file.path)));
                // Empty folders have no bytes to move: made here and now.
                QDir().mkpath(localFor(source.path));
                for (const RemotePath &empty : walker->emptyFolders()) {
                    if (!QDir().mkpath(localFor(empty)))
                        pending->notes
                            << QStringLiteral("Cannot create the folder %1").arg(localFor(empty));
                }
            }
            finishIfDone();
        });
        walker->start();
    }
    if (pending->walkers == 0)
        QMetaObject::invokeMethod(sink->batchOwner(), finishIfDone, Qt::QueuedConnection);
    return batch;
}
