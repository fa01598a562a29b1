#include "models/TransferModel.h"

#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferService.h"

namespace {
constexpr int kFlushMs = 250;
using State = TransferItem::State;
using Direction = TransferItem::Direction;

QString stateText(const TransferItem &item)
{
    if (const qint64 seconds = item.secondsUntilRetry(); seconds >= 0)
        return TransferModel::tr("Waiting for the service, retrying in %1")
            .arg(TextFormat::duration(seconds));
    switch (item.state) {
    case State::Queued:
        return QObject::tr("Queued");
    case State::Running:
        return QObject::tr("Running");
    case State::Paused:
        return QObject::tr("Paused");
    case State::NeedsAttention:
        return QObject::tr("Needs attention");
    case State::Failed:
        // The reason is said in the row: a tooltip nobody hovers hides why nothing arrived.
        // Its first line only, so the row keeps one line; the tooltip has all of it.
        if (const QString reason
            = VisibleText::escaped(item.error.section(QLatin1Char('\n'), 0, 0).trimmed());
            !reason.isEmpty())
            return TransferModel::tr("Failed: %1").arg(reason);
        return QObject::tr("Failed");
    case State::Done:
        return QObject::tr("Done");
    case State::Cancelled:
        return QObject::tr("Cancelled");
    case State::Skipped:
        return QObject::tr("Skipped");
    }
    return {};
}
} // namespace

TransferModel::TransferModel(TransferService *transfers, QObject *parent)
    : QAbstractTableModel(parent), m_transfers(transfers)
{
    m_ids = transfers->ids();
    for (int row = 0; row < m_ids.size(); ++row)
        m_rows.insert(m_ids.at(row), row);
    m_flushTimer.setInterval(kFlushMs);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &TransferModel::flush);
    m_countdownTimer.setInterval(1000);
    connect(&m_countdownTimer, &QTimer::timeout, this, &TransferModel::tickCountdowns);
    connect(transfers, &TransferService::itemsAdded, this, &TransferModel::onItemsAdded);
    connect(transfers, &TransferService::itemsRemoved, this, &TransferModel::onItemsRemoved);
    connect(transfers, &TransferService::itemChanged, this, [this](qint64 id) {
        m_changed.insert(id);
        if (!m_flushTimer.isActive())
            m_flushTimer.start();
        const TransferItem *item = m_transfers->item(id);
        if (item && item->retryAtMs > 0 && !m_countdownTimer.isActive())
            m_countdownTimer.start();
    });
}

int TransferModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int TransferModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void TransferModel::onItemsAdded(const QList<qint64> &ids)
{
    QList<qint64> fresh;
    for (const qint64 id : ids) {
        if (!m_rows.contains(id))
            fresh.append(id);
    }
    if (fresh.isEmpty())
        return;
    const int first = int(m_ids.size());
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    for (const qint64 id : std::as_const(fresh)) {
        m_rows.insert(id, int(m_ids.size()));
        m_ids.append(id);
    }
    endInsertRows();
}

void TransferModel::onItemsRemoved(const QList<qint64> &ids)
{
    QList<int> rows;
    for (const qint64 id : ids) {
        const int row = m_rows.value(id, -1);
        if (row >= 0)
            rows.append(row);
        m_changed.remove(id);
    }
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    // Remove runs of adjacent rows at once: "clear finished" often takes hundreds.
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) - 1)
            ++j;
        const int last = rows.at(i);
        const int first = rows.at(j);
        beginRemoveRows({}, first, last);
        m_ids.remove(first, last - first + 1);
        endRemoveRows();
        i = j + 1;
    }
    m_rows.clear();
    for (int row = 0; row < m_ids.size(); ++row)
        m_rows.insert(m_ids.at(row), row);
}

void TransferModel::flush()
{
    QList<int> rows;
    for (const qint64 id : std::exchange(m_changed, {})) {
        const int row = m_rows.value(id, -1);
        if (row >= 0)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) + 1)
            ++j;
        Q_EMIT dataChanged(index(rows.at(i), 0), index(rows.at(j), ColumnCount - 1));
        i = j + 1;
    }
}

void TransferModel::tickCountdowns()
{
    // "retrying in 12 s" counts down on screen while the engine waits for the service.
    bool any = false;
    for (int row = 0; row < m_ids.size(); ++row) {
        const TransferItem *item = m_transfers->item(m_ids.at(row));
        if (!item || item->secondsUntilRetry() < 0)
            continue;
        any = true;
        Q_EMIT dataChanged(index(row, StateColumn), index(row, StateColumn));
    }
    if (!any)
        m_countdownTimer.stop();
}

QVariant TransferModel::display(int column, qint64 id) const
{
    const TransferItem *item = m_transfers->item(id);
    switch (column) {
    case NameColumn:
        return VisibleText::escaped(item->name());
    case DirectionColumn:
        return item->direction == Direction::Upload  ? tr("Upload")
            : item->direction == Direction::Download ? tr("Download")
                                                     : tr("Import");
    case SizeColumn:
        return TextFormat::size(item->size);
    case ProgressColumn:
        if (item->size > 0)
            return QStringLiteral("%1%").arg(item->bytesDone * 100 / item->size);
        return item->state == State::Running
            ? TextFormat::duration(m_transfers->runningForMs(id) / 1000)
            : QString();
    case SpeedColumn:
        return item->state == State::Running && item->secondsUntilRetry() < 0
            ? TextFormat::speed(m_transfers->bytesPerSecond(id))
            : QString();
    case EtaColumn:
        // No time left while waiting for the service: nothing moves, so it would only grow.
        return item->state == State::Running && item->secondsUntilRetry() < 0
            ? TextFormat::duration(m_transfers->secondsLeft(id))
            : QString();
    case StateColumn:
        return stateText(*item);
    }
    return {};
}

QVariant TransferModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 id = m_ids.at(index.row());
    const TransferItem *item = m_transfers->item(id);
    if (!item)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return display(index.column(), id);
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
        if (index.column() == SizeColumn || index.column() == SpeedColumn
            || index.column() == EtaColumn)
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
    }
    return {};
}

QVariant TransferModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case DirectionColumn:
        return tr("Direction");
    case SizeColumn:
        return tr("Size");
    case ProgressColumn:
        return tr("Progress");
    case SpeedColumn:
        return tr("Speed");
    case EtaColumn:
        return tr("Time left");
    case StateColumn:
        return tr("State");
    }
    return {};
}
