#include "network/transfer/PackTask.h"

#include "network/api/ListJob.h"
#include "network/api/SimpleUploadJob.h"
#include "network/io/TransferWorkers.h"
#include "network/io/ZipWriter.h"
#include "network/transfer/TransferLog.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent>

namespace {

QString relativeTo(const RemotePath &base, const RemotePath &path)
{
    return base.isRoot() ? path.relative() : path.relative().mid(base.relative().size() + 1);
}

} // namespace

PackTask::PackTask(const TransferContext &context, const QList<TransferItem *> &members,
                   const RemotePath &base, QObject *parent)
    : TransferTask(context, members.first(), parent), m_members(members), m_base(base)
{
}

PackTask::~PackTask()
{
    cancel(CancelMode::Quietly);
}

void PackTask::doStart()
{
    listFolders(false);
}

void PackTask::listFolders(bool verifying)
{
    QSet<RemotePath> folders;
    for (const TransferItem *item : std::as_const(m_members))
        folders.insert(item->remotePath.parent());
    m_listed.clear();
    m_listError = ApiError();
    m_listingsPending = int(folders.size());
    for (const RemotePath &folder : std::as_const(folders)) {
        auto *job = new ListJob(m_context.client, folder, this);
        track(job);
        connect(job, &ApiJob::finished, this, [this, job, verifying] {
            if (job->succeeded()) {
                QHash<QString, qint64> &names = m_listed[job->folder()];
                for (const FileSpec &spec : job->entries())
                    names.insert(spec.name, spec.isFile ? spec.size : -1);
            } else {
                m_listError = job->error();
            }
            if (--m_listingsPending > 0)
                return;
            if (m_listError.isError())
                failAll(m_listError);
            else if (verifying)
                verify();
            else
                checkConflicts();
        });
        job->start();
    }
}

void PackTask::checkConflicts()
{
    for (TransferItem *item : QList<TransferItem *>(m_members)) {
        const bool isFolder = QFileInfo(item->localPath).isDir();
        const bool exists
            = m_listed.value(item->remotePath.parent()).contains(item->remotePath.name());
        if (exists && !isFolder && item->conflictPolicy != ConflictPolicy::Overwrite)
            giveBack(item, QStringLiteral("exists"));
    }
    if (m_members.size() < kMinPackFiles) {
        // Not worth a pack any more: everything goes the one-file way.
        for (TransferItem *item : QList<TransferItem *>(m_members))
            giveBack(item, QStringLiteral("too few to pack"));
        finishWith({});
        return;
    }
    pack();
}

void PackTask::pack()
{
    m_scratch = std::make_unique<QTemporaryDir>();
    const QString zipPath = m_scratch->filePath(QStringLiteral("pack.zip"));
    QList<ZipWriter::FileEntry> files;
    QStringList folders;
    for (TransferItem *item : QList<TransferItem *>(m_members)) {
        const QFileInfo info(item->localPath);
        if (info.isDir()) {
            folders << relativeTo(m_base, item->remotePath);
        } else if (!info.exists() || !info.isReadable() || info.size() != item->size
                   || info.lastModified().toUTC() != item->localModified) {
            giveBack(
                item,
                QStringLiteral("changed or unreadable")); // the one-file way says what is wrong
        } else {
            files.append({item->localPath, relativeTo(m_base, item->remotePath)});
        }
    }
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        const QString error = watcher->result();
        watcher->deleteLater();
        if (isFinished()) // paused while packing
            return;
        if (!error.isEmpty()) {
            // A file changed between the check and the read: let each go on its own.
            for (TransferItem *item : QList<TransferItem *>(m_members))
                giveBack(item, error);
            finishWith({});
            return;
        }
        upload();
    });
    watcher->setFuture(QtConcurrent::run(TransferWorkers::pool(), [files, folders, zipPath] {
        QString error;
        return ZipWriter::packFiles(files, folders, zipPath, &error) ? QString() : error;
    }));
}

void PackTask::upload()
{
    const QString zipPath = m_scratch->filePath(QStringLiteral("pack.zip"));
    qint64 payload = 0;
    for (const TransferItem *item : std::as_const(m_members))
        payload += qMax<qint64>(0, item->size);
    auto *job = new SimpleUploadJob(m_context.client, zipPath, m_base, -1, this);
    job->setUnzip(true);
    track(job);
    connect(job, &SimpleUploadJob::progress, this, [this, payload](qint64 sent, qint64 total) {
        // Share the pack's progress out over its files, so the totals move by bytes.
        const double share = total > 0 ? double(sent) / double(total) : 0.0;
        for (TransferItem *item : std::as_const(m_members))
            item->bytesDone = qint64(share * double(qMax<qint64>(0, item->size)));
        Q_UNUSED(payload)
        Q_EMIT progressed();
    });
    connect(job, &ApiJob::finished, this, [this, job] {
        if (!job->succeeded()) {
            failAll(job->error());
            return;
        }
        listFolders(true);
    });
    job->start();
}

void PackTask::verify()
{
    for (TransferItem *item : QList<TransferItem *>(m_members)) {
        const QHash<QString, qint64> names = m_listed.value(item->remotePath.parent());
        const bool isFolder = QFileInfo(item->localPath).isDir();
        const auto found = names.constFind(item->remotePath.name());
        if (found == names.cend())
            reportItem(item,
                       ApiError::make(ApiError::Kind::Integrity,
                                      QStringLiteral("%1 is missing after the server unpacked it")
                                          .arg(item->remotePath.absolute())));
        else if (!isFolder && *found != item->size)
            reportItem(item,
                       ApiError::make(ApiError::Kind::Integrity,
                                      QStringLiteral("%1 has %2 bytes on fal, %3 here")
                                          .arg(item->remotePath.absolute(), QString::number(*found),
                                               QString::number(item->size))));
        else
            reportItem(item, ApiError());
    }
    finishWith({});
}

void PackTask::giveBack(TransferItem *item, const QString &why)
{
    qCDebug(lcTransfers) << "not packing" << item->localPath << ":" << why;
    m_members.removeOne(item);
    Q_EMIT itemReturned(item, why);
}

void PackTask::failAll(const ApiError &error)
{
    for (TransferItem *item : QList<TransferItem *>(m_members))
        reportItem(item, error);
    finishWith(error);
}

void PackTask::doCancel()
{
    cancelTrackedJobs();
}

void PackTask::reportItem(TransferItem *item, const ApiError &error)
{
    m_members.removeOne(item);
    Q_EMIT itemFinished(item, error);
}
