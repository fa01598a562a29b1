#include "ImportTask.h"

#include "ListJob.h"
#include "StatJob.h"
#include "UniqueName.h"
#include "UrlImportJob.h"

#include <QSet>

ImportTask::~ImportTask()
{
    stop();
}

void ImportTask::track(ApiJob *job)
{
    m_jobs.append(job);
}

void ImportTask::start()
{
    if (m_item->conflictPolicy == ConflictPolicy::Overwrite) {
        import();
        return;
    }
    if (m_item->conflictPolicy == ConflictPolicy::KeepBoth) {
        auto *list = new ListJob(m_context.client, m_item->remotePath.parent(), this);
        track(list);
        connect(list, &ApiJob::finished, this, [this, list] {
            if (!list->succeeded()) {
                Q_EMIT finished(list->error());
                return;
            }
            QSet<QString> taken;
            for (const FileSpec &spec : list->entries())
                taken.insert(spec.name);
            const QString name = UniqueName::pick(m_item->remotePath.name(), [&](const QString &n) { return taken.contains(n); });
            if (name != m_item->remotePath.name()) {
                m_item->remotePath = m_item->remotePath.parent().child(name);
                note(QStringLiteral("kept both: importing as %1").arg(name));
            }
            m_item->conflictPolicy = ConflictPolicy::Overwrite;
            saveItem();
            import();
        });
        list->start();
        return;
    }
    auto *stat = new StatJob(m_context.client, m_item->remotePath, false, this);
    track(stat);
    connect(stat, &ApiJob::finished, this, [this, stat] {
        if (stat->succeeded())
            Q_EMIT conflict(stat->spec().isFile ? stat->spec().size : -1);
        else if (stat->error().kind == ApiError::Kind::NotFound)
            import();
        else
            Q_EMIT finished(stat->error());
    });
    stat->start();
}

void ImportTask::import()
{
    auto *job = new UrlImportJob(m_context.client, QUrl(m_item->sourceUrl), m_item->remotePath, this);
    track(job);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (!job->succeeded()) {
            Q_EMIT finished(job->error());
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
            Q_EMIT finished(ApiError()); // the import itself succeeded either way
        });
        stat->start();
    });
    job->start();
}

void ImportTask::stop()
{
    for (const QPointer<ApiJob> &job : std::as_const(m_jobs)) {
        if (job) {
            job->disconnect(this);
            job->cancel();
        }
    }
    m_jobs.clear();
}
