#include "network/sync/SyncRunner.h"

#include "network/api/DeleteJob.h"
#include "network/api/DirHashJob.h"
#include "network/api/SimpleUploadJob.h"
#include "network/io/TransferWorkers.h"
#include "network/sync/SyncDirHash.h"
#include "network/sync/SyncLog.h"
#include "network/sync/SyncQueue.h"
#include "network/sync/SyncStateStore.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtConcurrent>

namespace {

// Verified files are recorded in commits of this many, or at least this often: a kill loses at
// most those (they are compared by hash at the next run, not sent again).
constexpr int kRecordsPerCommit = 500;
constexpr qint64 kRecordCommitMs = 1000;

} // namespace

SyncRunner::SyncRunner(FilesClient *client, SyncQueue *queue, SyncStateStore *store,
                       const SyncPlan &plan, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_queue(queue)
    , m_store(store)
    , m_plan(plan)
    , m_pair(SyncStateStore::pairKey(plan.options.account, plan.options.localRoot,
                                     plan.options.remoteRoot.absolute()))
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
}

SyncRunner::~SyncRunner()
{
    m_cancel->store(true);
    m_hashing.waitForFinished();
    flushRecords();
}

RemotePath SyncRunner::remoteFor(const QString &path) const
{
    const RemotePath &root = m_plan.options.remoteRoot;
    return RemotePath::fromRelative(root.isRoot() ? path
                                                  : root.relative() + QLatin1Char('/') + path);
}

QString SyncRunner::localFor(const QString &path) const
{
    return QDir(m_plan.options.localRoot).filePath(path);
}

void SyncRunner::doStart()
{
    // What planning found already the same is a fact whatever happens next.
    m_records = m_plan.inSync;
    m_sinceFlush.start();
    const bool upload = m_plan.isUpload();
    if (!upload)
        QDir().mkpath(m_plan.options.localRoot);
    QList<TransferItem> items;
    for (const SyncPlanEntry &entry : std::as_const(m_plan.entries)) {
        if (entry.action == SyncPlanEntry::Action::Delete) {
            m_deletes.append(entry);
            continue;
        }
        TransferItem item;
        item.remotePath = remoteFor(entry.path);
        item.size = entry.size;
        item.conflictPolicy = ConflictPolicy::Overwrite; // the plan has decided
        if (upload) {
            item.direction = TransferItem::Direction::Upload;
            item.localPath = entry.source.localPath;
            item.localModified = QDateTime::fromMSecsSinceEpoch(entry.source.mtimeMs, Qt::UTC);
        } else {
            item.direction = TransferItem::Direction::Download;
            item.localPath = localFor(entry.path);
            item.expectedSha256 = entry.source.sha256;
            m_remoteMtimes.insert(entry.path, entry.source.mtimeMs);
            QDir().mkpath(QFileInfo(item.localPath).absolutePath());
        }
        items.append(item);
    }
    if (items.isEmpty()) {
        QMetaObject::invokeMethod(this, &SyncRunner::transfersDone, Qt::QueuedConnection);
        return;
    }
    connect(m_queue, &SyncQueue::batchReady, this, [this](qint64 batch, const QList<qint64> &ids) {
        if (batch != m_batch)
            return;
        m_ids = QSet<qint64>(ids.cbegin(), ids.cend());
        m_idsKnown = true;
        for (const qint64 id : ids)
            onItemChanged(id); // a resumed twin may already be finished
    });
    connect(m_queue, &SyncQueue::itemChanged, this, &SyncRunner::onItemChanged);
    const QString destination
        = upload ? m_plan.options.remoteRoot.absolute() : m_plan.options.localRoot;
    const QString source = upload ? m_plan.options.localRoot : m_plan.options.remoteRoot.absolute();
    m_batch = m_queue->enqueue(items, {source}, destination);
}

void SyncRunner::doCancel()
{
    m_cancel->store(true);
    if (m_current)
        m_current->cancel(CancelMode::Quietly);
    flushRecords();
}

void SyncRunner::onItemChanged(qint64 id)
{
    if (!m_idsKnown || !m_ids.contains(id) || m_handled.contains(id) || isFinished())
        return;
    const std::optional<TransferItem> item = m_queue->item(id);
    if (!item || !item->isFinished())
        return;
    m_handled.insert(id);
    const RemotePath &root = m_plan.options.remoteRoot;
    const QString path
        = item->remotePath.relative().mid(root.isRoot() ? 0 : root.relative().size() + 1);
    if (item->state == TransferItem::State::Done) {
        ++m_result.transferred;
        m_result.bytesTransferred += qMax<qint64>(0, item->size);
        if (m_plan.isUpload()) {
            // The engine checked the bytes on the server; the server's time of the file is
            // read once all are there (readUploadedTimes). Until then it is unknown (-1), which
            // the next sync does not take on trust.
            const qint64 localMtime = item->localModified.toMSecsSinceEpoch();
            m_records.insert(path, {item->size, localMtime, item->size, -1});
            m_uploaded.insert(path, {item->size, localMtime});
        } else {
            const qint64 remoteMtime = m_remoteMtimes.value(path);
            QFile file(item->localPath);
            if (remoteMtime > 0 && file.open(QIODevice::ReadOnly))
                file.setFileTime(QDateTime::fromMSecsSinceEpoch(remoteMtime, Qt::UTC),
                                 QFileDevice::FileModificationTime);
            const QFileInfo info(item->localPath);
            m_records.insert(
                path,
                {info.size(), info.lastModified().toMSecsSinceEpoch(), item->size, remoteMtime});
        }
        if (m_records.size() >= kRecordsPerCommit || m_sinceFlush.elapsed() >= kRecordCommitMs)
            flushRecords();
    } else {
        ++m_result.failed;
        if (m_result.firstErrorKind == ApiError::Kind::None)
            m_result.firstErrorKind = item->errorKind;
        m_result.transferErrors << QStringLiteral("%1: %2").arg(VisibleText::escaped(path),
                                                                item->error);
    }
    if (m_handled.size() == m_ids.size())
        transfersDone();
}

void SyncRunner::flushRecords()
{
    if (m_store && !m_records.isEmpty()) {
        m_store->storeRecords(m_pair, m_records);
        m_records.clear();
    }
    m_sinceFlush.start();
}

void SyncRunner::transfersDone()
{
    flushRecords();
    if (m_plan.isUpload() && !m_uploaded.isEmpty())
        return readUploadedTimes();
    afterTransfers();
}

void SyncRunner::afterTransfers()
{
    if (m_result.failed > 0) {
        // As rclone: after errors nothing is deleted, and the folder hash would be a lie.
        if (!m_deletes.isEmpty())
            m_result.errors << QStringLiteral("Not deleting anything, since %1 did not arrive")
                                   .arg(TextFormat::files(m_result.failed));
        return finishRun();
    }
    if (!m_deletes.isEmpty())
        Q_EMIT stageChanged(
            QStringLiteral("deleting %1").arg(TextFormat::items(int(m_deletes.size()))));
    deleteNext();
}

void SyncRunner::deleteNext()
{
    while (!m_deletes.isEmpty()) {
        const SyncPlanEntry entry = m_deletes.takeFirst();
        if (!m_plan.isUpload()) {
            const QString local = localFor(entry.path);
            const bool toTrash = m_plan.options.localDeletesToTrash;
            const bool removed = toTrash ? QFile::moveToTrash(local)
                : entry.isDir            ? QDir(local).removeRecursively()
                                         : QFile::remove(local);
            if (removed || !QFileInfo::exists(local)) {
                ++m_result.deleted;
                m_deletedPaths << entry.path;
            } else {
                ++m_result.deleteFailed;
                m_result.firstErrorKind = ApiError::Kind::Local;
                // Never removed for good when the trash was asked for and cannot take it.
                m_result.errors << (toTrash ? QStringLiteral("Cannot move %1 to the trash")
                                            : QStringLiteral("Cannot remove %1"))
                                       .arg(VisibleText::escaped(local));
            }
            continue;
        }
        auto *job = new DeleteJob(m_client, remoteFor(entry.path), this);
        m_current = job;
        connect(job, &Job::finished, this, [this, job, entry] {
            job->deleteLater();
            if (job->succeeded() || job->error().kind == ApiError::Kind::NotFound) {
                ++m_result.deleted;
                m_deletedPaths << entry.path;
            } else {
                ++m_result.deleteFailed;
                if (m_result.firstErrorKind == ApiError::Kind::None)
                    m_result.firstErrorKind = job->error().kind;
                m_result.errors << QStringLiteral("Cannot delete %1: %2")
                                       .arg(remoteFor(entry.path).absolute(),
                                            job->error().message());
            }
            deleteNext();
        });
        job->start();
        return;
    }
    if (m_store)
        m_store->removeRecords(m_pair, m_deletedPaths);
    m_deletedPaths.clear();
    if (m_plan.isUpload() && m_plan.options.writeFalHash && m_result.deleteFailed == 0)
        return writeFalHash();
    finishRun();
}

void SyncRunner::writeFalHash()
{
    Q_EMIT stageChanged(QStringLiteral("checking .fal_hash"));
    const QString folder = m_plan.options.localRoot;
    const SyncDirHash::Result print = SyncDirHash::fingerprint(folder); // stat()s only
    if (const auto cached
        = m_store ? m_store->folderHash(folder, print.fingerprint) : std::nullopt) {
        onFolderHash(*cached, print.fingerprint, 0);
        return;
    }
    auto result = std::make_shared<SyncDirHash::Result>();
    connect(&m_hashing, &QFutureWatcher<void>::finished, this, [this, result] {
        if (isFinished())
            return;
        if (result->sha256.isEmpty()) {
            // The files are there, but sync_dir would not find the folder in sync: said, and
            // not called a success.
            m_result.errors << QStringLiteral(".fal_hash not written: %1").arg(result->error);
            m_result.firstErrorKind = ApiError::Kind::Local;
            return finishRun();
        }
        onFolderHash(result->sha256, result->fingerprint, 1);
    });
    auto cancel = m_cancel;
    m_hashing.setFuture(QtConcurrent::run(TransferWorkers::pool(), [folder, result, cancel] {
        *result = SyncDirHash::compute(folder, cancel.get());
    }));
}

void SyncRunner::onFolderHash(const QString &hash, const QString &fingerprint, int filesRead)
{
    m_result.hashedLocally = filesRead;
    m_result.falHash = hash;
    if (m_store && filesRead > 0)
        m_store->storeFolderHash(m_plan.options.localRoot, fingerprint, hash);
    auto *check = new DirHashJob(m_client, m_plan.options.remoteRoot, hash, this);
    m_current = check;
    connect(check, &Job::finished, this, [this, check, hash] {
        check->deleteLater();
        if (check->succeeded() && check->matches())
            return finishRun(); // already there: nothing to send
        Q_EMIT stageChanged(QStringLiteral("writing .fal_hash"));
        // As sync_dir writes it: the hex digest, no newline.
        auto *write = new SimpleUploadJob(m_client, hash.toLatin1(), QStringLiteral(".fal_hash"),
                                          remoteFor(QStringLiteral(".fal_hash")), this);
        m_current = write;
        connect(write, &Job::finished, this, [this, write] {
            write->deleteLater();
            if (write->succeeded()) {
                m_result.falHashWritten = true;
            } else {
                if (m_result.firstErrorKind == ApiError::Kind::None)
                    m_result.firstErrorKind = write->error().kind;
                m_result.errors
                    << QStringLiteral(".fal_hash not written: %1").arg(write->error().message());
            }
            finishRun();
        });
        write->start();
    });
    check->start();
}

void SyncRunner::finishRun()
{
    flushRecords();
    if (m_result.failed > 0 || m_result.deleteFailed > 0 || !m_result.errors.isEmpty()) {
        const QString all = (m_result.transferErrors + m_result.errors).join(u'\n');
        qCInfo(lcSync).noquote() << "sync ended with errors:" << all;
        return finishWith(ApiError::make(m_result.firstErrorKind == ApiError::Kind::None
                                             ? ApiError::Kind::Protocol
                                             : m_result.firstErrorKind,
                                         all));
    }
    finishWith({});
}
