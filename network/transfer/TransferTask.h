#pragma once

#include "network/api/ApiError.h"
#include "network/transfer/TransferItem.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

class ApiJob;
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
    void saveItem(); // the item's scalar fields to the journal
    void note(const QString &text);
    void setBytesDone(qint64 bytes);
    // Requests of this task: cancelled quietly (no finished() from them) by cancelTrackedJobs().
    void track(ApiJob *job);
    void cancelTrackedJobs();
    // "Keep both": lists the target's folder, renames the item to the first free "name (n).ext",
    // records the decision (a restart must not rename again) and calls `then`. `doing` names the
    // action in the note ("uploading", "importing"). A failed listing finishes the task.
    void pickFreeName(const QString &doing, const std::function<void()> &then);

    TransferContext m_context;
    TransferItem *m_item;

private:
    QList<QPointer<ApiJob>> m_jobs;
};
