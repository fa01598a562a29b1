#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

class TransferService;

// The transfer queue as a table, for the transfers dock. Rows follow the engine's order; raw
// values sit in roles so a delegate can paint and a proxy can sort without parsing text.
// dataChanged is coalesced: however often the engine reports, a row repaints a few times a second.
class TransferModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        DirectionColumn,
        SizeColumn,
        ProgressColumn,
        SpeedColumn,
        EtaColumn,
        StateColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1,
        StateRole, // int(TransferItem::State)
        DirectionRole, // int(TransferItem::Direction)
        BytesDoneRole, // qint64
        SizeRole, // qint64, -1 unknown
        ProgressRole, // double 0..1, or -1 when it cannot be known (a URL import)
        SpeedRole, // double bytes per second
        EtaRole, // qint64 seconds, -1 unknown
        ElapsedRole, // qint64 ms the item has been running (imports show this)
        ErrorRole, // QString
        NoteRole, // QString
        LocalPathRole, // QString
        RemotePathRole, // QString, absolute /data path
        RetryAtRole, // qint64 ms since the epoch when a wait for the service ends; 0 = none
    };

    explicit TransferModel(TransferService *transfers, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    qint64 idAt(int row) const { return m_ids.value(row, 0); }
    int rowOf(qint64 id) const { return m_rows.value(id, -1); }

private:
    void onItemsAdded(const QList<qint64> &ids);
    void onItemsRemoved(const QList<qint64> &ids);
    void flush();
    void tickCountdowns();
    QVariant display(int column, qint64 id) const;

    TransferService *m_transfers;
    QList<qint64> m_ids;
    QHash<qint64, int> m_rows;
    QSet<qint64> m_changed;
    QTimer m_flushTimer;
    QTimer m_countdownTimer;
};
