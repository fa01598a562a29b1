#include "network/transfer/ImportTask.h"

#include "network/api/StatJob.h"
#include "network/api/UrlImportJob.h"

ImportTask::~ImportTask()
{
    cancel(CancelMode::Quietly);
}

void ImportTask::doStart()
{
    if (m_item->conflictPolicy == ConflictPolicy::Overwrite) {
        import();
        return;
    }
    if (m_item->conflictPolicy == ConflictPolicy::KeepBoth) {
        pickFreeName(QStringLiteral("importing"), [this] { import(); });
        return;
    }
    auto *stat = new StatJob(m_context.client, m_item->remotePath, false, this);
    track(stat);
    connect(stat, &ApiJob::finished, this, [this, stat] {
        if (stat->succeeded())
            askAboutConflict(stat->spec().isFile ? stat->spec().size : -1);
        else if (stat->error().kind == ApiError::Kind::NotFound)
            import();
        else
            finishItem(stat->error());
    });
    stat->start();
}

void ImportTask::import()
{
    auto *job
        = new UrlImportJob(m_context.client, QUrl(m_item->sourceUrl), m_item->remotePath, this);
    track(job);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (!job->succeeded()) {
            finishItem(job->error());
            return;
        }
        // The answer is only `true`: ask what landed, for the size shown in the queue.
        auto *stat = new StatJob(m_context.client, m_item->remotePath, false, this);
        track(stat);
        connect(stat, &ApiJob::finished, this, [this, stat] {
            if (stat->succeeded()) {
                m_item->size = stat->spec().size;
                setBytesDone(m_item->size);
            }
            finishItem(ApiError()); // the import itself succeeded either way
        });
        stat->start();
    });
    job->start();
}

void ImportTask::doCancel()
{
    cancelTrackedJobs();
}
