#pragma once

#include "network/api/ApiError.h"
#include "network/api/Job.h"
#include "network/transfer/TransferItem.h"

#include <QList>
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

// Runs queue items, a Job: the engine makes a task when the scheduler gives an item a slot and
// drops it when the item stops. A task updates its items (bytes done, resume state) and writes what
// must survive a crash to the journal itself, at the moment it happens. Most tasks carry one item;
// a PackTask carries many. Either way each item is reported once, by itemFinished(),
// itemReturned() or conflict(), and then the task reports finished() once.
class TransferTask : public Job
{
    Q_OBJECT
public:
    TransferTask(const TransferContext &context, TransferItem *item, QObject *parent = nullptr);

    // Pause: stops all requests quietly (no more signals) and keeps what is needed to go on later.
    void stop() { cancel(CancelMode::Quietly); }
    // After a cancel: free what was kept (the server's unfinished upload, a partial download).
    virtual void discard() { }

    TransferItem *item() const { return m_item; } // the first item
    // The items this task still carries (reported ones leave the list).
    virtual QList<TransferItem *> items() const { return {m_item}; }

Q_SIGNALS:
    void progressed();
    void itemFinished(TransferItem *item, const ApiError &error); // Kind::None: done
    // The item goes another way instead (a file that cannot travel in a pack): queue it again.
    void itemReturned(TransferItem *item, const QString &why);
    // The item's target exists and its policy is Ask: the engine asks.
    void conflict(TransferItem *item, qint64 existingSize);

protected:
    // The one item of this task is done (or failed): reports it, then ends the task.
    void finishItem(const ApiError &error);
    // The one item's target exists and its policy is Ask: reports it, then ends the task.
    void askAboutConflict(qint64 existingSize);

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
