#include "network/transfer/LocalScanner.h"

#include "network/api/RemotePath.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include <QDir>
#include <QFileInfo>

namespace {

LocalScanner::Entry entryFor(const QFileInfo &info, const QString &relativePath)
{
    LocalScanner::Entry entry;
    entry.localPath = info.absoluteFilePath();
    entry.relativePath = relativePath;
    entry.isDir = info.isDir();
    entry.size = info.isDir() ? 0 : info.size();
    entry.modified = info.lastModified().toUTC();
    QString why;
    for (const QString &segment : relativePath.split(QLatin1Char('/'))) {
        if (!RemotePath::isValidName(segment, &why)) {
            entry.problem = QStringLiteral("'%1' cannot be stored on fal: %2")
                                .arg(VisibleText::escaped(segment), why); // a name may hold "\n"
            break;
        }
    }
    if (entry.problem.isEmpty() && !info.isReadable())
        entry.problem = QStringLiteral("Cannot read %1: permission denied").arg(entry.localPath);
    return entry;
}

// `path` is `folder` or below it; both canonical.
bool isInside(const QString &path, const QString &folder)
{
    if (folder == QLatin1String("/"))
        return true;
    return path == folder || path.startsWith(folder + QLatin1Char('/'));
}

QString joined(const QString &folder, const QString &name)
{
    return folder.endsWith(QLatin1Char('/')) ? QString(folder + name)
                                             : QString(folder + QLatin1Char('/') + name);
}

// One scan: the walk of each dropped folder, and what it had to leave out.
class Walk
{
public:
    Walk(LocalScanner::Result &result, const LocalScanner::Options &options,
         const std::atomic_bool *cancel)
        : m_result(result), m_options(options), m_cancel(cancel)
    {
    }

    void dropped(const QFileInfo &folder, const QString &name)
    {
        // A dropped link to a folder is followed: it is the person's own choice. Links inside
        // are judged against where it leads.
        m_root = folder.canonicalFilePath();
        walkFolder(folder, name, m_root);
    }

    void finish()
    {
        m_result.linksOutSkipped = int(m_outside.size());
        if (m_outside.isEmpty())
            return;
        QStringList shown = m_outside.mid(0, 3);
        QString list = shown.join(QStringLiteral(", "));
        if (m_outside.size() > shown.size())
            list += QStringLiteral(" and %1 more").arg(m_outside.size() - shown.size());
        // The English translation gives the forms ("1 link skipped: it points…", "2 links
        // skipped: they point…"); the names go in last, so a "%n" in one stays text.
        m_result.notes << TextFormat::plural(
                              "LocalScanner",
                              QT_TRANSLATE_N_NOOP("LocalScanner",
                                                  "%n link(s) skipped: they point outside the "
                                                  "folder being uploaded (%1). Upload a link "
                                                  "itself to send what it points to."),
                              int(m_outside.size()))
                              .arg(list);
    }

private:
    bool cancelled() const { return m_cancel && m_cancel->load(); }

    void walkFolder(const QFileInfo &folder, const QString &relative, const QString &canonical)
    {
        if (!folder.isReadable() || !folder.isExecutable()) {
            LocalScanner::Entry entry = entryFor(folder, relative);
            entry.problem = QStringLiteral("Cannot open the folder %1: permission denied")
                                .arg(folder.absoluteFilePath());
            m_result.entries.append(entry);
            return;
        }
        const QDir dir(folder.absoluteFilePath());
        const QFileInfoList children = dir.entryInfoList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
        if (children.isEmpty()) {
            m_result.entries.append(entryFor(folder, relative)); // an empty folder is kept
            return;
        }
        m_walking.append(canonical);
        for (const QFileInfo &child : children) {
            if (cancelled())
                break;
            const QString childRelative = relative + QLatin1Char('/') + child.fileName();
            if (child.isSymLink())
                walkLink(child, childRelative);
            else if (child.isDir())
                walkFolder(child, childRelative, joined(canonical, child.fileName()));
            else if (child.isFile())
                addFile(child, childRelative);
            else
                skipSpecial(child);
        }
        m_walking.removeLast();
    }

    void walkLink(const QFileInfo &link, const QString &relative)
    {
        // Every link on the way resolved; empty when it ends nowhere (or in a loop of links).
        const QString target = link.canonicalFilePath();
        const QFileInfo resolved(target);
        if (target.isEmpty() || !resolved.exists()) {
            m_result.notes << QStringLiteral("Skipped %1: the link points nowhere")
                                  .arg(link.absoluteFilePath());
        } else if (resolved.isDir()) {
            if (!m_options.followLinksOut) {
                m_result.notes << QStringLiteral("Skipped %1: it is a link to a folder (links to "
                                                 "folders are not followed)")
                                      .arg(link.absoluteFilePath());
            } else if (const QString loop = folderLoopedInto(target); !loop.isEmpty()) {
                m_result.notes << QStringLiteral("Skipped %1: it leads back into %2, which is "
                                                 "being uploaded (following it would never end)")
                                      .arg(link.absoluteFilePath(), loop);
            } else {
                walkFolder(link, relative, target);
            }
        } else if (resolved.isFile()) {
            if (m_options.followLinksOut || isInside(target, m_root))
                addFile(resolved, relative); // read through the resolved path that was checked
            else
                m_outside << QStringLiteral("%1 -> %2").arg(link.absoluteFilePath(), target);
        } else {
            skipSpecial(link);
        }
    }

    // The folder being walked that following a link to `target` would enter again, if any.
    QString folderLoopedInto(const QString &target) const
    {
        for (const QString &walking : m_walking) {
            if (isInside(walking, target))
                return walking;
        }
        return {};
    }

    void addFile(const QFileInfo &file, const QString &relative)
    {
        LocalScanner::Entry entry = entryFor(file, relative);
        m_result.totalBytes += entry.size;
        m_result.entries.append(entry);
    }

    void skipSpecial(const QFileInfo &info)
    {
        m_result.notes << QStringLiteral(
                              "Skipped %1: not a regular file (a device, socket or pipe)")
                              .arg(info.absoluteFilePath());
    }

    LocalScanner::Result &m_result;
    const LocalScanner::Options m_options;
    const std::atomic_bool *m_cancel;
    QString m_root; // the dropped folder being walked, canonical
    QStringList m_walking; // canonical paths of the folders the walk is in, outermost first
    QStringList m_outside; // "link -> target" of each link left out
};

} // namespace

LocalScanner::Result LocalScanner::scan(const QStringList &localPaths)
{
    return scan(localPaths, Options());
}

LocalScanner::Result LocalScanner::scan(const QStringList &localPaths, const Options &options,
                                        const std::atomic_bool *cancel)
{
    Result result;
    Walk walk(result, options, cancel);
    for (const QString &path : localPaths) {
        const QFileInfo info(path);
        const QString name = info.fileName();
        if (!info.exists()) {
            Entry entry;
            entry.localPath = path;
            entry.relativePath = name;
            entry.problem = QStringLiteral("%1 does not exist").arg(path);
            result.entries.append(entry);
        } else if (info.isDir()) {
            walk.dropped(info, name);
        } else {
            Entry entry = entryFor(info, name);
            result.totalBytes += entry.size;
            result.entries.append(entry);
        }
    }
    walk.finish();
    return result;
}
