#include "network/transfer/TransferTask.h"

#include "network/api/ApiJob.h"
#include "network/api/ListJob.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/TransferLog.h"
#include "network/transfer/UniqueName.h"

#include <QSet>

TransferTask::TransferTask(const TransferContext &context, TransferItem *item, QObject *parent)
    : Job(parent), m_context(context), m_item(item)
{
}

void TransferTask::finishItem(const ApiError &error)
{
    if (isFinished())
        return;
    Q_EMIT itemFinished(m_item, error);
    finishWith(error);
}

void TransferTask::askAboutConflict(qint64 existingSize)
{
    if (isFinished())
        return;
    Q_EMIT conflict(m_item, existingSize);
    finishWith(ApiError::make(ApiError::Kind::Conflict, QString()));
}

void TransferTask::saveItem()
{
    if (m_context.journal)
        m_context.journal->update(*m_item);
}

void TransferTask::note(const QString &text)
{
    qCInfo(lcTransfers).noquote() << m_item->name() << "-" << text;
    m_item->note = text;
    saveItem();
    Q_EMIT progressed();
}

void TransferTask::setBytesDone(qint64 bytes)
{
    m_item->bytesDone = bytes;
    Q_EMIT progressed();
}

void TransferTask::track(ApiJob *job)
{
    m_jobs.append(job);
}

void TransferTask::cancelTrackedJobs()
{
    for (const QPointer<ApiJob> &job : std::as_const(m_jobs)) {
        if (job)
            job->cancel(CancelMode::Quietly);
    }
    m_jobs.clear();
}

void TransferTask::pickFreeName(const QString &doing, const std::function<void()> &then)
{
    auto *list = new ListJob(m_context.client, m_item->remotePath.parent(), this);
    track(list);
    connect(list, &ApiJob::finished, this, [this, list, doing, then] {
        if (!list->succeeded()) {
            finishItem(list->error());
            return;
        }
        QSet<QString> taken;
        for (const FileSpec &spec : list->entries())
            taken.insert(spec.name);
        const QString name = UniqueName::pick(m_item->remotePath.name(),
                                              [&](const QString &n) { return taken.contains(n); });
        if (name != m_item->remotePath.name()) {
            m_item->remotePath = m_item->remotePath.parent().child(name);
            note(QStringLiteral("kept both: %1 as %2").arg(doing, name));
        }
        m_item->conflictPolicy = ConflictPolicy::Overwrite; // the name is decided
        saveItem();
        then();
    });
    list->start();
}
