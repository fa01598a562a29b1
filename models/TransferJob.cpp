#include "models/TransferJob.h"

#include "network/text/TextFormat.h"
#include "network/transfer/TransferService.h"

#include <QDir>
#include <QFileInfo>

namespace {
using State = TransferItem::State;
using Direction = TransferItem::Direction;

// The folder every path is in: "/a/b" for "/a/b/c/x" and "/a/b/y".
QString commonFolder(const QStringList &paths)
{
    if (paths.isEmpty())
        return {};
    QStringList common = paths.first().split(QLatin1Char('/'));
    common.removeLast();
    for (const QString &path : paths) {
        const QStringList parts = path.split(QLatin1Char('/'));
        qsizetype same = 0;
        while (same < common.size() && same < parts.size() - 1 && common.at(same) == parts.at(same))
            ++same;
        common.resize(same);
    }
    const QString folder = common.join(QLatin1Char('/'));
    return folder.isEmpty() ? QStringLiteral("/") : folder;
}

QString lastSegment(const QString &folder)
{
    return folder.section(QLatin1Char('/'), -1);
}

QString parentOf(const QString &folder)
{
    const qsizetype slash = folder.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : folder.left(slash);
}

// A job's state is what most needs to be known about it: a question first, then work that
// moves, then work that waits, then how it ended.
int urgency(State state)
{
    switch (state) {
    case State::NeedsAttention:
        return 7;
    case State::Running:
        return 6;
    case State::Queued:
        return 5;
    case State::Paused:
        return 4;
    case State::Failed:
        return 3;
    case State::Done: // some arrived: the job did its work, whatever else was cancelled
        return 2;
    case State::Cancelled:
        return 1;
    case State::Skipped:
        return 0;
    }
    return 0;
}
} // namespace

void TransferJob::refresh(const TransferService &transfers)
{
    finished = failed = done = cancelled = skipped = 0;
    size = bytesDone = 0;
    speed = 0;
    retryAtMs = 0;
    firstError.clear();
    int most = -1;
    for (const qint64 id : std::as_const(ids)) {
        const TransferItem *item = transfers.item(id);
        if (!item)
            continue;
        direction = item->direction;
        if (urgency(item->state) > most) {
            most = urgency(item->state);
            state = item->state;
        }
        if (item->isFinished())
            ++finished;
        done += item->state == State::Done ? 1 : 0;
        cancelled += item->state == State::Cancelled ? 1 : 0;
        skipped += item->state == State::Skipped ? 1 : 0;
        if (item->state == State::Failed) {
            ++failed;
            if (firstError.isEmpty())
                firstError = item->error;
        }
        // A file cancelled or skipped will not arrive: the job's size and progress are those of
        // the files it still moves, so a job that ended well reads 100%.
        if (item->size > 0 && item->state != State::Cancelled && item->state != State::Skipped) {
            size += item->size;
            bytesDone
                += item->state == State::Done ? item->size : qMin(item->bytesDone, item->size);
        }
        if (item->state == State::Running) {
            if (item->secondsUntilRetry() >= 0)
                retryAtMs = retryAtMs == 0 ? item->retryAtMs : qMin(retryAtMs, item->retryAtMs);
            else
                speed += transfers.bytesPerSecond(id);
        }
    }
    secondsLeft = speed >= 1 && state == State::Running ? qint64((size - bytesDone) / speed) : -1;
}

void TransferJob::describe(const TransferService &transfers)
{
    QStringList locals, remotes;
    QString url;
    for (const qint64 id : std::as_const(ids)) {
        if (const TransferItem *item = transfers.item(id)) {
            direction = item->direction;
            if (item->remotePath.isRoot() && ids.size() > 1)
                continue; // refused before it had a place (a name fal cannot store)
            locals.append(item->localPath);
            remotes.append(item->remotePath.absolute());
            url = item->sourceUrl;
        }
    }
    if (remotes.isEmpty())
        return;
    const QString localFolder = commonFolder(locals);
    const QString remoteFolder = commonFolder(remotes);
    // A folder travels whole when both sides end in the same folder name and every file keeps
    // its place below it: then the row is that folder, as it was dropped or chosen.
    isFolder = remotes.size() > 1 && lastSegment(localFolder) == lastSegment(remoteFolder);
    for (qsizetype i = 0; isFolder && i < remotes.size(); ++i)
        isFolder = locals.at(i).mid(localFolder.size()) == remotes.at(i).mid(remoteFolder.size());
    const bool up = direction != Direction::Download;
    if (remotes.size() == 1) {
        const TransferItem *item = transfers.item(ids.first());
        name = item->name();
        source = direction == Direction::Import ? url
            : up                                ? homeRelative(item->localPath)
                                                : item->remotePath.absolute();
        destination = destinationOf(*item);
        return;
    }
    if (const auto request = transfers.batchRequest(key); request && !request->sources.isEmpty()) {
        // As it was asked for: one folder is that folder, several things are "n files".
        const QString one = QDir::cleanPath(request->sources.first());
        isFolder = request->sources.size() == 1;
        name = !isFolder                   ? TextFormat::files(int(remotes.size()))
            : !request->renameTo.isEmpty() ? request->renameTo
                                           : lastSegment(one);
        source = isFolder ? one : (up ? localFolder : remoteFolder);
        destination = up ? request->destination : homeRelative(request->destination);
        if (up)
            source = homeRelative(source);
        return;
    }
    if (isFolder) {
        name = lastSegment(up ? localFolder : remoteFolder);
        source = up ? localFolder : remoteFolder;
        destination = up ? parentOf(remoteFolder) : homeRelative(parentOf(localFolder));
    } else {
        name = TextFormat::files(int(remotes.size()));
        source = up ? localFolder : remoteFolder;
        destination = up ? remoteFolder : homeRelative(localFolder);
    }
    if (!up)
        return;
    source = homeRelative(source);
}

QString TransferJob::destinationOf(const TransferItem &item)
{
    if (item.direction == Direction::Download)
        return homeRelative(QFileInfo(item.localPath).absolutePath());
    return item.remotePath.parent().absolute();
}

QString TransferJob::homeRelative(const QString &localPath)
{
    const QString home = QDir::homePath();
    if (localPath == home)
        return QStringLiteral("~");
    if (home.size() > 1 && localPath.startsWith(home + QLatin1Char('/')))
        return QStringLiteral("~") + localPath.mid(home.size());
    return QDir::toNativeSeparators(localPath);
}
