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

void SyncPlanner::hashLocally()
{
    // From the cache where the file is as it was when hashed; --checksum reads everything anew.
    for (int i = 0; i < m_candidates.size(); ++i) {
        Candidate &candidate = m_candidates[i];
        if (!m_plan.options.checksum) {
            if (const auto cached = m_store->localHash(
                    candidate.local.localPath, candidate.local.size, candidate.local.mtimeMs)) {
                candidate.localHash = *cached;
                continue;
            }
        }
        m_toHash.append(i);
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
        hashNextChunk();
    });
    hashNextChunk();
}

void SyncPlanner::hashNextChunk()
{
    if (isFinished())
        return;
    if (m_toHash.isEmpty()) {
        m_localHashesDone = true;
        decideCandidates();
        return;
    }
    // In chunks, each one's hashes kept as it ends: planning that is stopped half way through a
    // big folder (Ctrl-C, a closed dialog) has not read those files for nothing.
    QList<QPair<int, QString>> chunk;
    qint64 bytes = 0;
    while (!m_toHash.isEmpty() && chunk.size() < kHashChunkFiles && bytes < kHashChunkBytes) {
        const int index = m_toHash.takeFirst();
        chunk.append({index, m_candidates.at(index).local.localPath});
        bytes += m_candidates.at(index).local.size;
    }
    auto cancel = m_cancel;
    m_hashing.setFuture(QtConcurrent::run(TransferWorkers::pool(), [chunk, cancel] {
        QList<QPair<int, QString>> hashes;
        for (const auto &[index, path] : chunk) {
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
