#include "network/sync/SyncPlanner.h"

#include "network/api/RemoteWalker.h"
#include "network/api/StatJob.h"
#include "network/io/FileHasher.h"
#include "network/io/TransferWorkers.h"
#include "network/sync/LocalSyncScanner.h"
#include "network/sync/SyncLog.h"
#include "network/sync/SyncStateStore.h"
#include "network/text/VisibleText.h"

#include <QDir>
#include <QtConcurrent>

SyncPlanner::SyncPlanner(FilesClient *client, SyncStateStore *store, const SyncOptions &options,
                         QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_store(store)
    , m_cancel(std::make_shared<std::atomic_bool>(false))
{
    m_plan.options = options;
}

SyncPlanner::~SyncPlanner()
{
    m_cancel->store(true);
    m_scan.waitForFinished();
    m_hashing.waitForFinished();
}

IgnoreRules SyncPlanner::rulesFor(const QString &localRoot, const QStringList &excludes,
                                  QString *summary)
{
    IgnoreRules rules;
    QStringList from;
    for (const char *name : {".gitignore", ".falignore"}) {
        const int before = rules.size();
        rules.addFile(QDir(localRoot).filePath(QString::fromLatin1(name)));
        if (rules.size() > before)
            from << QString::fromLatin1(name);
    }
    const int before = rules.size();
    for (const QString &pattern : excludes)
        rules.addPattern(pattern);
    if (rules.size() > before)
        from << QStringLiteral("--exclude");
    if (summary)
        *summary = rules.isEmpty()
            ? QString()
            : QStringLiteral("%1 from %2")
                  .arg(rules.size() == 1 ? QStringLiteral("1 pattern")
                                         : QStringLiteral("%1 patterns").arg(rules.size()),
                       from.join(QStringLiteral(", ")));
    return rules;
}

void SyncPlanner::doStart()
{
    const SyncOptions &options = m_plan.options;
    m_rules = rulesFor(options.localRoot, options.excludes, &m_plan.ignoreSummary);
    connect(&m_scan, &QFutureWatcher<SyncTree>::finished, this, [this] {
        m_local = m_scan.result();
        m_localDone = true;
        sideDone();
    });
    const QString root = options.localRoot;
    const IgnoreRules rules = m_rules;
    auto cancel = m_cancel;
    m_scan.setFuture(QtConcurrent::run(TransferWorkers::pool(), [root, rules, cancel] {
        return LocalSyncScanner::scan(root, rules, cancel.get());
    }));
    m_walker = new RemoteWalker(m_client, options.remoteRoot, this);
    connect(m_walker, &RemoteWalker::finished, this, [this] {
        m_remoteDone = true;
        sideDone();
    });
    m_walker->start();
}

void SyncPlanner::doCancel()
{
    m_cancel->store(true);
    if (m_walker)
        m_walker->cancel(CancelMode::Quietly);
    for (const QPointer<StatJob> &job : std::as_const(m_stats)) {
        if (job)
            job->cancel(CancelMode::Quietly);
    }
}

void SyncPlanner::sideDone()
{
    if (!m_localDone || !m_remoteDone || isFinished())
        return;
    if (!m_local.error.isEmpty())
        return finishWith(ApiError::make(ApiError::Kind::Local, m_local.error));
    if (!m_walker->succeeded())
        return finishWith(m_walker->error());
    buildRemoteTree();
    m_walker->deleteLater();
    compare();
}

void SyncPlanner::buildRemoteTree()
{
    const RemotePath &root = m_plan.options.remoteRoot;
    const qsizetype cut = root.isRoot() ? 0 : root.relative().size() + 1;
    auto addAncestors = [this](const QString &path) {
        for (qsizetype slash = path.indexOf(QLatin1Char('/')); slash > 0;
             slash = path.indexOf(QLatin1Char('/'), slash + 1))
            m_remote.dirs.insert(path.left(slash));
    };
    for (const FileSpec &spec : m_walker->files()) {
        const QString path = spec.path.relative().mid(cut);
        if (path == QLatin1String(".fal_hash"))
            continue; // sync_dir's metadata: written by the runner, never copied or deleted
        if (m_rules.isIgnored(path, false)) {
            m_remote.keepAncestorsOf(path, false);
            continue;
        }
        SyncFile file;
        file.size = spec.size;
        file.mtimeMs = spec.updated.isValid() ? spec.updated.toMSecsSinceEpoch() : 0;
        file.sha256 = spec.checksumSha256;
        m_remote.files.insert(path, file);
        addAncestors(path);
    }
    for (const RemotePath &folder : m_walker->emptyFolders()) {
        const QString path = folder.relative().mid(cut);
        if (path.isEmpty())
            continue;
        if (m_rules.isIgnored(path, true)) {
            m_remote.keepAncestorsOf(path, true);
            continue;
        }
        m_remote.dirs.insert(path);
        addAncestors(path);
    }
    for (const QString &why : m_walker->skipped())
        m_plan.notes << QStringLiteral("Left out: %1").arg(why);
}

void SyncPlanner::compare()
{
    const bool upload = m_plan.isUpload();
    const bool checksum = m_plan.options.checksum;
    const SyncTree &source = upload ? m_local : m_remote;
    const SyncTree &dest = upload ? m_remote : m_local;
    m_plan.notes += m_local.notes;
    const QString pair = SyncStateStore::pairKey(m_plan.options.account, m_plan.options.localRoot,
                                                 m_plan.options.remoteRoot.absolute());
    const QHash<QString, SyncStateStore::Record> records = m_store->records(pair);
    const auto add = upload ? SyncPlanEntry::Action::Upload : SyncPlanEntry::Action::Download;

    for (auto it = source.files.cbegin(); it != source.files.cend(); ++it) {
        const QString &path = it.key();
        const SyncFile &from = it.value();
        if (upload) {
            bool storable = true;
            for (const QString &segment : path.split(QLatin1Char('/')))
                storable = storable && RemotePath::isValidName(segment);
            if (!storable) {
                m_plan.notes << QStringLiteral("Left out %1: the name cannot be stored on fal")
                                    .arg(VisibleText::escaped(path));
                continue;
            }
        }
        if (dest.dirs.contains(path)) {
            ++m_plan.typeClashes;
            m_plan.notes << QStringLiteral("Left alone %1: a file on one side, a folder on the "
                                           "other")
                                .arg(VisibleText::escaped(path));
            continue;
        }
        const auto to = dest.files.constFind(path);
        if (to == dest.files.cend()) {
            m_plan.entries.append({add, path, from.size, QStringLiteral("new"), false, from});
            continue;
        }
        if (to->size != from.size) {
            m_plan.entries.append({SyncPlanEntry::Action::Replace, path, from.size,
                                   QStringLiteral("size differs"), false, from});
            continue;
        }
        const SyncFile &local = upload ? from : *to;
        const SyncFile &remote = upload ? *to : from;
        const SyncStateStore::Record seen {local.size, local.mtimeMs, remote.size, remote.mtimeMs};
        if (!checksum) {
            const auto record = records.constFind(path);
            if (record != records.cend() && record->localSize == local.size
                && record->localMtimeMs == local.mtimeMs && record->remoteSize == remote.size
                && (record->remoteMtimeMs == remote.mtimeMs || record->remoteMtimeMs == -1)) {
                ++m_plan.unchanged;
                if (record->remoteMtimeMs == -1)
                    m_plan.inSync.insert(path, seen); // now the server's time is known
                continue;
            }
            // A download sets the file's mtime to the server's updated_time; the same size and
            // time (to the millisecond) is trusted as rclone trusts it.
            if (!upload && remote.mtimeMs != 0 && local.mtimeMs == remote.mtimeMs) {
                ++m_plan.unchanged;
                m_plan.inSync.insert(path, seen);
                continue;
            }
        }
        m_candidates.append({path, local, remote, {}, checksum ? QString() : remote.sha256});
    }
    for (const QString &dir : source.dirs) {
        if (dest.files.contains(dir)) {
            ++m_plan.typeClashes;
            m_plan.notes << QStringLiteral("Left alone %1: a folder on one side, a file on the "
                                           "other")
                                .arg(VisibleText::escaped(dir));
        }
    }
    if (m_plan.options.deleteExtra)
        planDeletes(source, dest);
    hashLocally();
    for (int i = 0; i < m_candidates.size(); ++i) {
        if (m_candidates.at(i).remoteHash.isEmpty())
            m_needRemote.append(i);
    }
    m_checksumsLeft = int(m_needRemote.size());
    pumpChecksums();
}

void SyncPlanner::planDeletes(const SyncTree &source, const SyncTree &dest)
{
    QStringList dirs(dest.dirs.cbegin(), dest.dirs.cend());
    dirs.sort(); // a folder before what is inside it
    QSet<QString> gone;
    auto underGone = [&gone](const QString &path) -> QString {
        for (qsizetype slash = path.indexOf(QLatin1Char('/')); slash > 0;
             slash = path.indexOf(QLatin1Char('/'), slash + 1)) {
            if (gone.contains(path.left(slash)))
                return path.left(slash);
        }
        return {};
    };
    QList<SyncPlanEntry> deletes;
    QHash<QString, qsizetype> folderEntry;
    for (const QString &dir : std::as_const(dirs)) {
        if (source.dirs.contains(dir) || source.files.contains(dir) || dest.keepDirs.contains(dir)
            || !underGone(dir).isEmpty())
            continue;
        gone.insert(dir);
        folderEntry.insert(dir, deletes.size());
        deletes.append(
            {SyncPlanEntry::Action::Delete, dir, 0, QStringLiteral("not in source"), true, {}});
    }
    for (auto it = dest.files.cbegin(); it != dest.files.cend(); ++it) {
        if (source.files.contains(it.key()) || source.dirs.contains(it.key()))
            continue;
        const QString folder = gone.contains(it.key()) ? it.key() : underGone(it.key());
        if (!folder.isEmpty()) {
            deletes[folderEntry.value(folder)].size += it->size;
            continue;
        }
        deletes.append({SyncPlanEntry::Action::Delete,
                        it.key(),
                        it->size,
                        QStringLiteral("not in source"),
                        false,
                        {}});
    }
    m_plan.entries += deletes;
}

void SyncPlanner::hashLocally()
{
    // From the cache where the file is as it was when hashed; --checksum reads everything anew.
    QList<QPair<int, QString>> toRead;
    for (int i = 0; i < m_candidates.size(); ++i) {
        Candidate &candidate = m_candidates[i];
        if (!m_plan.options.checksum) {
            if (const auto cached = m_store->localHash(
                    candidate.local.localPath, candidate.local.size, candidate.local.mtimeMs)) {
                candidate.localHash = *cached;
                continue;
            }
        }
        toRead.append({i, candidate.local.localPath});
    }
    if (toRead.isEmpty()) {
        m_localHashesDone = true;
        return;
    }
    connect(&m_hashing, &QFutureWatcher<QList<QPair<int, QString>>>::finished, this, [this] {
        for (const auto &[index, hex] : m_hashing.result()) {
            Candidate &candidate = m_candidates[index];
            candidate.localHash = hex;
            if (hex.isEmpty())
                continue; // unreadable: it will be sent, and the transfer says why
            ++m_plan.hashedLocally;
            m_plan.bytesHashedLocally += candidate.local.size;
            m_store->storeLocalHash(candidate.local.localPath, candidate.local.size,
                                    candidate.local.mtimeMs, hex);
        }
        m_localHashesDone = true;
        decideCandidates();
    });
    auto cancel = m_cancel;
    m_hashing.setFuture(QtConcurrent::run(TransferWorkers::pool(), [toRead, cancel] {
        QList<QPair<int, QString>> hashes;
        for (const auto &[index, path] : toRead) {
            if (cancel->load())
                break;
            hashes.append(
                {index, FileHasher::hashFile(path, QCryptographicHash::Sha256, cancel.get()).hex});
        }
        return hashes;
    }));
}

void SyncPlanner::pumpChecksums()
{
    while (!m_needRemote.isEmpty() && m_stats.size() < kChecksumsInFlight && !isFinished()) {
        const int index = m_needRemote.takeFirst();
        const RemotePath target = RemotePath::fromRelative(
            m_plan.options.remoteRoot.isRoot() ? m_candidates.at(index).path
                                               : m_plan.options.remoteRoot.relative()
                    + QLatin1Char('/') + m_candidates.at(index).path);
        auto *job = new StatJob(m_client, target, true, this);
        m_stats.append(job);
        ++m_plan.remoteChecksums;
        connect(job, &StatJob::finished, this, [this, job, index] {
            m_stats.removeAll(job);
            job->deleteLater();
            --m_checksumsLeft;
            if (job->succeeded())
                m_candidates[index].remoteHash = job->spec().checksumSha256;
            else if (job->error().kind != ApiError::Kind::NotFound)
                return finishWith(job->error()); // nothing planned on a guess
            pumpChecksums();
            decideCandidates();
        });
        job->start();
    }
    if (m_checksumsLeft == 0)
        decideCandidates();
}

void SyncPlanner::decideCandidates()
{
    if (!m_localHashesDone || m_checksumsLeft > 0 || isFinished())
        return;
    const bool upload = m_plan.isUpload();
    for (const Candidate &candidate : std::as_const(m_candidates)) {
        if (!candidate.localHash.isEmpty()
            && candidate.localHash.compare(candidate.remoteHash, Qt::CaseInsensitive) == 0) {
            ++m_plan.unchanged;
            m_plan.inSync.insert(candidate.path,
                                 {candidate.local.size, candidate.local.mtimeMs,
                                  candidate.remote.size, candidate.remote.mtimeMs});
            continue;
        }
        const SyncFile &from = upload ? candidate.local : candidate.remote;
        m_plan.entries.append({SyncPlanEntry::Action::Replace, candidate.path, from.size,
                               QStringLiteral("content differs"), false, from});
    }
    std::sort(m_plan.entries.begin(), m_plan.entries.end(),
              [](const SyncPlanEntry &a, const SyncPlanEntry &b) { return a.path < b.path; });
    qCDebug(lcSync).noquote() << "planned:" << m_plan.summary();
    finishWith({});
}
