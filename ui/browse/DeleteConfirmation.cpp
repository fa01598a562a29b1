#include "ui/browse/DeleteConfirmation.h"

#include "network/api/RemoteWalker.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include <QCoreApplication>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("DeleteConfirmation", text);
}
} // namespace

int DeleteSummary::totalFiles() const
{
    int files = 0;
    for (qsizetype i = 0; i < items.size(); ++i)
        files += items.at(i).isDir() ? filesUnder.value(i) : 1;
    return files;
}

qint64 DeleteSummary::totalBytes() const
{
    qint64 bytes = 0;
    for (qint64 b : bytesUnder)
        bytes += b;
    return bytes;
}

bool DeleteSummary::hasFolders() const
{
    return std::any_of(items.cbegin(), items.cend(), [](const FileSpec &s) { return s.isDir(); });
}

QString DeleteSummary::title() const
{
    if (items.size() == 1)
        return tr("Delete “%1”?").arg(items.first().name);
    return tr("Delete %1?").arg(TextFormat::items(items.size()));
}

QString DeleteSummary::text() const
{
    QStringList lines;
    const QString where = items.isEmpty() ? QString() : items.first().path.parent().absolute();
    lines << tr("These will be deleted from %1:").arg(where);
    constexpr qsizetype kShown = 12;
    for (qsizetype i = 0; i < items.size() && i < kShown; ++i) {
        const FileSpec &item = items.at(i);
        if (item.isDir()) {
            lines << tr("• %1/ — a folder with %2 in %3 (%4)")
                         .arg(item.name, TextFormat::files(filesUnder.value(i)),
                              TextFormat::subfolders(foldersUnder.value(i)),
                              TextFormat::size(bytesUnder.value(i)));
        } else {
            lines << tr("• %1 (%2)").arg(item.name, TextFormat::size(item.size));
        }
    }
    if (items.size() > kShown)
        lines << tr("• and %1 more").arg(items.size() - kShown);
    lines << QString();
    lines << tr("In all: %1, %2.")
                 .arg(TextFormat::files(totalFiles()), TextFormat::size(totalBytes()));
    for (const QString &problem : problems)
        lines << tr("Could not count everything: %1").arg(problem);
    if (hasFolders())
        lines << tr("Folders are deleted with everything inside them (recursively).");
    lines << tr("This cannot be undone: /data has no trash.");
    return lines.join(QLatin1Char('\n'));
}

DeleteConfirmation::DeleteConfirmation(FilesClient *client, QList<FileSpec> items, QObject *parent)
    : QObject(parent), m_client(client)
{
    m_summary.items = std::move(items);
    const qsizetype n = m_summary.items.size();
    m_summary.filesUnder.fill(0, n);
    m_summary.foldersUnder.fill(0, n);
    m_summary.bytesUnder.fill(0, n);
}

void DeleteConfirmation::start()
{
    for (qsizetype i = 0; i < m_summary.items.size(); ++i) {
        const FileSpec &item = m_summary.items.at(i);
        if (!item.isDir()) {
            m_summary.bytesUnder[i] = item.size;
            continue;
        }
        auto *walker = new RemoteWalker(m_client, item.path, this);
        m_walkers.append(walker);
        ++m_pending;
        connect(walker, &RemoteWalker::finished, this,
                [this, i](RemoteWalker *w) { walkerDone(int(i), w); });
        walker->start();
    }
    if (m_pending == 0)
        Q_EMIT finished(m_summary);
}

void DeleteConfirmation::cancel()
{
    for (const QPointer<RemoteWalker> &walker : std::as_const(m_walkers)) {
        if (walker)
            walker->cancel();
    }
}

void DeleteConfirmation::walkerDone(int index, RemoteWalker *walker)
{
    walker->deleteLater();
    if (walker->succeeded()) {
        m_summary.filesUnder[index] = int(walker->files().size());
        m_summary.foldersUnder[index] = qMax(0, walker->folderCount() - 1); // it counts itself
        m_summary.bytesUnder[index] = walker->totalBytes();
        // The server deletes a folder with everything in it, shown or not: say what could not be
        // shown, so the count is not taken for all of it.
        for (const QString &why : walker->skipped())
            m_summary.problems << QStringLiteral("%1: not counted: %2")
                                      .arg(walker->root().absolute(), VisibleText::escaped(why));
    } else {
        m_summary.problems << QStringLiteral("%1: %2").arg(walker->root().absolute(),
                                                           walker->error().message());
    }
    if (--m_pending == 0)
        Q_EMIT finished(m_summary);
}
