#include "network/api/DirectorySizeJob.h"

#include "network/api/RemoteWalker.h"
#include "network/text/VisibleText.h"

DirectorySizeJob::DirectorySizeJob(FilesClient *client, QList<FileSpec> items, QObject *parent)
    : Job(parent), m_client(client), m_items(std::move(items))
{
    m_sizes.resize(m_items.size());
}

void DirectorySizeJob::doStart()
{
    for (qsizetype i = 0; i < m_items.size(); ++i) {
        const FileSpec &item = m_items.at(i);
        if (!item.isDir()) {
            m_sizes[i].bytes = item.size;
            continue;
        }
        auto *walker = new RemoteWalker(m_client, item.path, this);
        walker->setAutoDelete(true);
        m_walkers.append(walker);
        ++m_pending;
        connect(walker, &Job::finished, this, [this, i, walker] { walkerDone(i, walker); });
        walker->start();
    }
    if (m_pending == 0)
        finishWith({});
}

void DirectorySizeJob::doCancel()
{
    for (const QPointer<RemoteWalker> &walker : std::as_const(m_walkers)) {
        if (walker)
            walker->cancel(CancelMode::Quietly);
    }
    m_walkers.clear();
}

void DirectorySizeJob::walkerDone(qsizetype index, RemoteWalker *walker)
{
    if (walker->succeeded()) {
        Size &size = m_sizes[index];
        size.files = int(walker->files().size());
        size.folders = qMax(0, walker->folderCount() - 1); // it counts itself
        size.bytes = walker->totalBytes();
        // The server deletes a folder with everything in it, shown or not: say what could not be
        // shown, so the count is not taken for all of it.
        for (const QString &why : walker->skipped())
            m_problems << QStringLiteral("%1: not counted: %2")
                              .arg(walker->root().absolute(), VisibleText::escaped(why));
    } else {
        m_problems << QStringLiteral("%1: %2").arg(walker->root().absolute(),
                                                   walker->error().message());
    }
    if (--m_pending == 0)
        finishWith({});
}
