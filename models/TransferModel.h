#pragma once

#include "models/TransferJob.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QTimer>

class TransferService;

// The transfer queue for the transfers dock, one row per job as in Cyberduck and KIO: a dropped
// folder, a multi-file download or a CLI command is one row with its total progress, source and
// destination, and its files as children. A job of one file is that file's row, with no
// children. Jobs follow the order they were asked for; files the engine's order. Raw values sit
// in roles so a delegate can paint and a proxy can sort without parsing text.
// dataChanged is coalesced: however often the engine reports, a row repaints a few times a second.
class TransferModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        DirectionColumn,
        DestinationColumn,
        SizeColumn,
        ProgressColumn,
        SpeedColumn,
        EtaColumn,
        StateColumn,
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64: the item of a file row; 0 on a job of several files
        StateRole, // int(TransferItem::State); a job's: the most pressing of its files'
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
        FileCountRole, // int: files of the row (1 for a file)
    };

    explicit TransferModel(TransferService *transfers, QObject *parent = nullptr);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The row of an item: its job's row for a job of one file, else its row under its job.
    QModelIndex indexOf(qint64 id, int column = 0) const;
    // The items a row stands for: the file of a file row, every file of a job row.
    QList<qint64> itemIds(const QModelIndex &index) const;

private:
    void onItemsAdded(const QList<qint64> &ids);
    void onItemsRemoved(const QList<qint64> &ids);
    void flush();
    void tickCountdowns();
    void reindexJob(TransferJob &job);
    const TransferJob *jobAt(const QModelIndex &index) const; // the job of a top-level row
    qint64 itemAt(const QModelIndex &index) const; // 0 for a job of several files
    QVariant itemData(qint64 id, int column, int role) const;
    QVariant jobData(const TransferJob &job, int column, int role) const;

    TransferService *m_transfers;
    QList<TransferJob> m_jobs; // top-level rows
    QHash<qint64, int> m_jobRow; // job key -> row
    QHash<qint64, qint64> m_jobOf; // item id -> job key
    QHash<qint64, int> m_childRow; // item id -> row in its job
    QSet<qint64> m_changed; // item ids
    QTimer m_flushTimer;
    QTimer m_countdownTimer;
};
