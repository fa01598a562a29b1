// SyncPlanner's comparison of the two sides: what is new, replaced, unchanged or to delete, and
// which files of equal size still need a hash (SyncPlanner.cpp gets those).
#include "network/sync/SyncPlanner.h"

#include "network/sync/SyncStateStore.h"
#include "network/text/VisibleText.h"

namespace {

// Whether a folder above `path` ("a" or "a/b" for "a/b/c") is in `files`: a file on one side
// where the other side has a folder. Everything below it is left alone with it.
template<typename Set> bool underAFile(const QString &path, const Set &files)
{
    for (qsizetype slash = path.indexOf(QLatin1Char('/')); slash > 0;
         slash = path.indexOf(QLatin1Char('/'), slash + 1)) {
        if (files.contains(path.left(slash)))
            return true;
    }
    return false;
}

} // namespace

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
                ++m_plan.unsyncable;
                m_plan.notes << QStringLiteral("Left out %1: the name cannot be stored on fal")
                                    .arg(VisibleText::escaped(path));
                continue;
            }
        }
        if (underAFile(path, dest.files))
            continue; // said once, for the folder, below
        if (dest.dirs.contains(path)) {
            ++m_plan.unsyncable;
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
                && record->remoteMtimeMs == remote.mtimeMs) {
                // A record whose server time is unknown (-1: a run stopped before it read the
                // times back) is not trusted: the file is compared by checksum below.
                ++m_plan.unchanged;
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
            ++m_plan.unsyncable;
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
            || !underGone(dir).isEmpty() || underAFile(dir, source.files))
            continue;
        gone.insert(dir);
        folderEntry.insert(dir, deletes.size());
        deletes.append(
            {SyncPlanEntry::Action::Delete, dir, 0, QStringLiteral("not in source"), true, {}});
    }
    for (auto it = dest.files.cbegin(); it != dest.files.cend(); ++it) {
        if (source.files.contains(it.key()) || source.dirs.contains(it.key())
            || underAFile(it.key(), source.files))
            continue; // the same, or left alone with a folder that is a file in the source
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
