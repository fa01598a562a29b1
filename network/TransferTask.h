#pragma once

#include "ApiError.h"
#include "TransferItem.h"

#include <QObject>

class FilesClient;
class PartBudget;
class TransferJournal;

// What every task of an engine shares.
struct TransferContext
{
    FilesClient *client = nullptr;
    TransferJournal *journal = nullptr;
    PartBudget *parts = nullptr;
    int partsPerFile = 4;
};

// Runs one queue item: the engine makes a task when the scheduler gives the item a slot and drops
// it when the item stops. A task updates its item (bytes done, resume state) and writes what must
// survive a crash to the journal itself, at the moment it happens.
class TransferTask : public QObject
{
    Q_OBJECT
public:
    TransferTask(const TransferContext &context, TransferItem *item, QObject *parent = nullptr);

    virtual void start() = 0;
    // Pause: stop all requests quietly, keep what is needed to go on later. No finished().
    virtual void stop() = 0;
    // After a cancel: free what was kept (the server's unfinished upload, a partial download).
    virtual void discard() { }

    TransferItem *item() const { return m_item; }

Q_SIGNALS:
    void progressed();
    // The target exists and the item's policy is Ask. The task is over; the engine asks.
    void conflict(qint64 existingSize);
    void finished(const ApiError &error); // Kind::None: done

protected:
    void saveItem();             // the item's scalar fields to the journal
    void note(const QString &text);
    void setBytesDone(qint64 bytes);

    TransferContext m_context;
    TransferItem *m_item;
};
