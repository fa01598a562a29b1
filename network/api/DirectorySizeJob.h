#pragma once

#include "network/api/FileSpec.h"
#include "network/api/Job.h"

#include <QList>
#include <QPointer>
#include <QStringList>

class FilesClient;
class RemoteWalker;

// Counts what is in a selection, after KIO's DirectorySizeJob: for each folder the files, the
// folders and the bytes under it (walked with RemoteWalker, since the API lists one level at a
// time); a file counts as itself. A folder that cannot be counted is a problem(), not a failure:
// the count of the rest still stands. Used to say what a delete would remove before anyone is
// asked.
class DirectorySizeJob : public Job
{
    Q_OBJECT
public:
    struct Size
    {
        int files = 0; // files under a folder (0 for a file)
        int folders = 0; // folders under a folder
        qint64 bytes = 0; // the file's size, or of everything under the folder
    };

    DirectorySizeJob(FilesClient *client, QList<FileSpec> items, QObject *parent = nullptr);

    const QList<FileSpec> &items() const { return m_items; }
    const QList<Size> &sizes() const { return m_sizes; } // one per item
    const QStringList &problems() const { return m_problems; } // what could not be counted, why

protected:
    void doStart() override;
    void doCancel() override;

private:
    void walkerDone(qsizetype index, RemoteWalker *walker);

    FilesClient *m_client;
    QList<FileSpec> m_items;
    QList<Size> m_sizes;
    QStringList m_problems;
    int m_pending = 0;
    QList<QPointer<RemoteWalker>> m_walkers;
};
