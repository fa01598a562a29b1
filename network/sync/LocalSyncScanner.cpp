#include "network/sync/LocalSyncScanner.h"

#include "network/text/VisibleText.h"

#include <QDir>
#include <QFileInfo>

namespace {

struct Walk
{
    const IgnoreRules &rules;
    const std::atomic_bool *cancel;
    QString canonicalRoot;
    SyncTree tree;
    int linksOut = 0;

    bool insideRoot(const QString &canonical) const
    {
        return canonical == canonicalRoot || canonical.startsWith(canonicalRoot + QLatin1Char('/'));
    }

    void note(const QString &relative, const QString &why)
    {
        tree.notes << QStringLiteral("Left out %1: %2").arg(VisibleText::escaped(relative), why);
    }

    void addFile(const QString &relative, const QFileInfo &info, const QString &readPath)
    {
        if (rules.isIgnored(relative, false)) {
            tree.keepAncestorsOf(relative, false);
            return;
        }
        SyncFile file;
        file.size = info.size();
        file.mtimeMs = info.lastModified().toMSecsSinceEpoch();
        file.localPath = readPath;
        tree.files.insert(relative, file);
    }

    void walk(const QString &dir, const QString &prefix)
    {
        const QFileInfoList entries = QDir(dir).entryInfoList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        for (const QFileInfo &entry : entries) {
            if (cancel && cancel->load())
                return;
            const QString relative = prefix + entry.fileName();
            if (relative == QLatin1String(".fal_hash"))
                continue;
            if (entry.isSymLink()) {
                const QString target = entry.canonicalFilePath(); // empty when dangling
                const QFileInfo resolved(target);
                if (target.isEmpty()) {
                    if (!rules.isIgnored(relative, false))
                        note(relative, QStringLiteral("a link that points nowhere"));
                } else if (resolved.isDir()) {
                    if (!rules.isIgnored(relative, true))
                        note(relative, QStringLiteral("a link to a folder is not followed"));
                } else if (!insideRoot(target)) {
                    if (!rules.isIgnored(relative, false))
                        ++linksOut;
                } else if (resolved.isFile()) {
                    addFile(relative, resolved, target);
                }
                continue;
            }
            if (entry.isDir()) {
                if (rules.matches(relative, true)) {
                    tree.keepAncestorsOf(relative, true);
                    continue;
                }
                tree.dirs.insert(relative);
                walk(entry.absoluteFilePath(), relative + QLatin1Char('/'));
            } else if (entry.isFile()) {
                addFile(relative, entry, entry.absoluteFilePath());
            } else if (!rules.isIgnored(relative, false)) {
                note(relative, QStringLiteral("not a regular file"));
            }
        }
    }
};

} // namespace

SyncTree LocalSyncScanner::scan(const QString &root, const IgnoreRules &rules,
                                const std::atomic_bool *cancel)
{
    Walk walk {rules, cancel, QFileInfo(root).canonicalFilePath(), {}, 0};
    const QFileInfo info(root);
    if (!info.exists())
        return {}; // a download into a folder still to be made
    if (!info.isDir()) {
        walk.tree.error = QStringLiteral("%1 is not a folder").arg(root);
        return walk.tree;
    }
    walk.walk(root, QString());
    if (walk.linksOut > 0)
        walk.tree.notes << QStringLiteral("Left out %1 leading out of the folder (links are not "
                                          "followed out of a synced folder)")
                               .arg(walk.linksOut == 1
                                        ? QStringLiteral("1 link")
                                        : QStringLiteral("%1 links").arg(walk.linksOut));
    return walk.tree;
}
