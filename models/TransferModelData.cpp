// What the transfer queue's rows say: a file row from its item, a job row from its summary.
#include "models/TransferModel.h"

#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferService.h"

#include <QDateTime>

namespace {
using State = TransferItem::State;
using Direction = TransferItem::Direction;

QString waitingText(qint64 seconds)
{
    return TransferModel::tr("Waiting for the service, retrying in %1")
        .arg(TextFormat::duration(seconds));
}

QString stateName(State state)
{
    switch (state) {
    case State::Queued:
        return TransferModel::tr("Queued");
    case State::Running:
        return TransferModel::tr("Running");
    case State::Paused:
        return TransferModel::tr("Paused");
    case State::NeedsAttention:
        return TransferModel::tr("Needs attention");
    case State::Failed:
        return TransferModel::tr("Failed");
    case State::Done:
        return TransferModel::tr("Done");
    case State::Cancelled:
        return TransferModel::tr("Cancelled");
    case State::Skipped:
        return TransferModel::tr("Skipped");
    }
    return {};
}

// The first line of an error, so the row keeps one line; the tooltip has all of it.
QString firstLine(const QString &error)
{
    return VisibleText::escaped(error.section(QLatin1Char('\n'), 0, 0).trimmed());
}

QString itemStateText(const TransferItem &item)
{
    if (const qint64 seconds = item.secondsUntilRetry(); seconds >= 0)
        return waitingText(seconds);
    // The reason is said in the row: a tooltip nobody hovers hides why nothing arrived.
    if (item.state == State::Failed) {
        if (const QString reason = firstLine(item.error); !reason.isEmpty())
            return TransferModel::tr("Failed: %1").arg(reason);
    }
    return stateName(item.state);
}

QString jobStateText(const TransferJob &job)
{
    const int files = int(job.ids.size());
    if (job.retryAtMs > 0 && job.state == State::Running) {
        const qint64 ms = job.retryAtMs - QDateTime::currentMSecsSinceEpoch();
        return waitingText(ms <= 0 ? 0 : (ms + 999) / 1000);
    }
    switch (job.state) {
    case State::Failed:
        return TransferModel::tr("Failed: %1 of %Ln file(s): %2", "", files)
            .arg(job.failed)
            .arg(firstLine(job.firstError));
    case State::Done:
        if (job.done == files)
            return stateName(job.state);
        break;
    case State::Cancelled:
    case State::Skipped:
        return stateName(job.state);
    default:
        break;
    }
    // How far the job is: the files that arrived, and what else became of the others.
    QString text = TransferModel::tr("%1 · %2 of %Ln file(s) done", "", files)
                       .arg(stateName(job.state))
                       .arg(job.done);
    if (job.failed > 0)
        text += TransferModel::tr(", %1 failed").arg(job.failed);
    if (job.cancelled > 0)
        text += TransferModel::tr(", %1 cancelled").arg(job.cancelled);
    if (job.skipped > 0)
        text += TransferModel::tr(", %1 skipped").arg(job.skipped);
    return text;
}

QString directionText(Direction direction)
{
    return direction == Direction::Upload  ? TransferModel::tr("Upload")
        : direction == Direction::Download ? TransferModel::tr("Download")
                                           : TransferModel::tr("Import");
}

bool movesNow(State state, qint64 retryAtMs)
{
    return state == State::Running && retryAtMs <= 0;
}
} // namespace

QVariant TransferModel::itemData(qint64 id, int column, int role) const
{
    const TransferItem *item = m_transfers->item(id);
    if (!item)
        return {};
    const bool moving = item->state == State::Running && item->secondsUntilRetry() < 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return VisibleText::escaped(item->name());
        case DirectionColumn:
            return directionText(item->direction);
        case DestinationColumn:
            return VisibleText::escaped(TransferJob::destinationOf(*item));
        case SizeColumn:
            return TextFormat::size(item->size);
        case ProgressColumn:
            if (item->size > 0)
                return QStringLiteral("%1%").arg(item->bytesDone * 100 / item->size);
            return item->state == State::Running
                ? TextFormat::duration(m_transfers->runningForMs(id) / 1000)
                : QString();
        case SpeedColumn:
            return moving ? TextFormat::speed(m_transfers->bytesPerSecond(id)) : QString();
        case EtaColumn:
            // No time left while waiting for the service: nothing moves, so it would only grow.
            return moving ? TextFormat::duration(m_transfers->secondsLeft(id)) : QString();
        case StateColumn:
            return itemStateText(*item);
        }
        return {};
    case Qt::ToolTipRole: {
        // Names, paths, errors and notes come from the disk, the server or the journal.
        QString tip = VisibleText::escaped(
            item->direction == Direction::Download
                ? item->remotePath.absolute() + QStringLiteral(" → ") + item->localPath
                : (item->sourceUrl.isEmpty() ? item->localPath : item->sourceUrl)
                    + QStringLiteral(" → ") + item->remotePath.absolute());
        if (!item->error.isEmpty())
            tip += QStringLiteral("\n\n") + VisibleText::escaped(item->error);
        if (!item->note.isEmpty())
            tip += QStringLiteral("\n") + VisibleText::escaped(item->note);
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (column == SizeColumn || column == SpeedColumn || column == EtaColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return id;
    case StateRole:
        return int(item->state);
    case DirectionRole:
        return int(item->direction);
    case BytesDoneRole:
        return item->bytesDone;
    case SizeRole:
        return item->size;
    case ProgressRole:
        if (item->state == State::Done)
            return 1.0;
        return item->size > 0 ? double(item->bytesDone) / double(item->size)
                              : (item->size == 0 ? 0.0 : -1.0);
    case SpeedRole:
        return m_transfers->bytesPerSecond(id);
    case EtaRole:
        return m_transfers->secondsLeft(id);
    case ElapsedRole:
        return m_transfers->runningForMs(id);
    case ErrorRole:
        return VisibleText::escaped(item->error);
    case NoteRole:
        return VisibleText::escaped(item->note);
    case RetryAtRole:
        return item->retryAtMs;
    case LocalPathRole:
        return item->localPath;
    case RemotePathRole:
        return item->remotePath.absolute();
    case FileCountRole:
        return 1;
    }
    return {};
}

QVariant TransferModel::jobData(const TransferJob &job, int column, int role) const
{
    const bool moving = movesNow(job.state, job.retryAtMs);
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return VisibleText::escaped(job.name);
        case DirectionColumn:
            return directionText(job.direction);
        case DestinationColumn:
            return VisibleText::escaped(job.destination);
        case SizeColumn:
            return TextFormat::size(job.size);
        case ProgressColumn:
            return job.size > 0 ? QStringLiteral("%1%").arg(job.bytesDone * 100 / job.size)
                                : QString();
        case SpeedColumn:
            return moving ? TextFormat::speed(job.speed) : QString();
        case EtaColumn:
            return moving ? TextFormat::duration(job.secondsLeft) : QString();
        case StateColumn:
            return jobStateText(job);
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = VisibleText::escaped(job.source + QStringLiteral(" → ") + job.destination)
            + QLatin1Char('\n') + TextFormat::files(int(job.ids.size()));
        if (!job.firstError.isEmpty())
            tip += QStringLiteral("\n\n") + VisibleText::escaped(job.firstError);
        return tip;
    }
    case Qt::TextAlignmentRole:
        if (column == SizeColumn || column == SpeedColumn || column == EtaColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case IdRole:
        return qint64(0);
    case StateRole:
        return int(job.state);
    case DirectionRole:
        return int(job.direction);
    case BytesDoneRole:
        return job.bytesDone;
    case SizeRole:
        return job.size;
    case ProgressRole:
        if (job.state == State::Done)
            return 1.0;
        return job.size > 0 ? double(job.bytesDone) / double(job.size) : 0.0;
    case SpeedRole:
        return job.speed;
    case EtaRole:
        return job.secondsLeft;
    case ErrorRole:
        return VisibleText::escaped(job.firstError);
    case RetryAtRole:
        return job.retryAtMs;
    case FileCountRole:
        return int(job.ids.size());
    }
    return {};
}
