#include "ui/browse/DeleteSummary.h"

#include "network/api/DirectorySizeJob.h"
#include "network/text/TextFormat.h"

#include <QCoreApplication>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("DeleteSummary", text);
}
} // namespace

DeleteSummary DeleteSummary::fromCount(const DirectorySizeJob &count)
{
    DeleteSummary summary;
    summary.items = count.items();
    for (const DirectorySizeJob::Size &size : count.sizes()) {
        summary.filesUnder << size.files;
        summary.foldersUnder << size.folders;
        summary.bytesUnder << size.bytes;
    }
    summary.problems = count.problems();
    return summary;
}

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
