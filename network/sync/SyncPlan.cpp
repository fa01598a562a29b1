#include "network/sync/SyncPlan.h"

#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include <QJsonArray>

QString SyncPlanEntry::actionName(Action action)
{
    switch (action) {
    case Action::Upload:
        return QStringLiteral("upload");
    case Action::Download:
        return QStringLiteral("download");
    case Action::Replace:
        return QStringLiteral("replace");
    case Action::Delete:
        return QStringLiteral("delete");
    }
    return {};
}

int SyncPlan::count(SyncPlanEntry::Action action) const
{
    int n = 0;
    for (const SyncPlanEntry &entry : entries)
        n += entry.action == action ? 1 : 0;
    return n;
}

qint64 SyncPlan::bytes(SyncPlanEntry::Action action) const
{
    qint64 total = 0;
    for (const SyncPlanEntry &entry : entries)
        total += entry.action == action ? entry.size : 0;
    return total;
}

qint64 SyncPlan::bytesToSend() const
{
    return bytes(SyncPlanEntry::Action::Upload) + bytes(SyncPlanEntry::Action::Download)
        + bytes(SyncPlanEntry::Action::Replace);
}

QStringList SyncPlan::lines() const
{
    QStringList out;
    for (const SyncPlanEntry &entry : entries) {
        const char sign = entry.action == SyncPlanEntry::Action::Delete ? '-'
            : entry.action == SyncPlanEntry::Action::Replace            ? '~'
                                                                        : '+';
        // Names from either side may hold control characters: escaped (VisibleText).
        out << QStringLiteral("%1 %2 %3  %4")
                   .arg(QChar::fromLatin1(sign), SyncPlanEntry::actionName(entry.action),
                        TextFormat::size(entry.size).rightJustified(10),
                        VisibleText::escaped(entry.path
                                             + (entry.isDir ? QStringLiteral("/") : QString())));
    }
    return out;
}

QString SyncPlan::summary() const
{
    using A = SyncPlanEntry::Action;
    QStringList parts;
    const A add = isUpload() ? A::Upload : A::Download;
    const std::pair<A, const char *> kinds[] = {{add, isUpload() ? "to upload" : "to download"},
                                                {A::Replace, "to replace"},
                                                {A::Delete, "to delete"}};
    for (const auto &[action, words] : kinds) {
        const int n = count(action);
        if (n == 0)
            continue;
        // A folder deleted whole is one entry: counted as a folder, not as a file.
        int folders = 0;
        for (const SyncPlanEntry &entry : entries)
            folders += entry.action == action && entry.isDir ? 1 : 0;
        const QString what = folders == 0 ? TextFormat::files(n)
            : folders == n                ? TextFormat::folders(n)
                                          : TextFormat::items(n);
        parts << QStringLiteral("%1 %2 (%3)")
                     .arg(what, QLatin1String(words), TextFormat::size(bytes(action)));
    }
    if (parts.isEmpty())
        parts << QStringLiteral("nothing to do");
    QString text = parts.join(QStringLiteral(", "));
    if (unchanged > 0)
        text += QStringLiteral("; %1 unchanged").arg(TextFormat::files(unchanged));
    // What cannot be synced is part of the total: a dry run must not look clean when the real
    // run will fail on it.
    if (unsyncable > 0)
        text += QStringLiteral("; %1 cannot be synced (see the notes)")
                    .arg(TextFormat::items(unsyncable));
    return text;
}

QJsonObject SyncPlan::toJson() const
{
    QJsonArray list;
    for (const SyncPlanEntry &entry : entries) {
        QJsonObject object {{QStringLiteral("action"), SyncPlanEntry::actionName(entry.action)},
                            {QStringLiteral("path"), entry.path},
                            {QStringLiteral("size"), double(entry.size)},
                            {QStringLiteral("reason"), entry.reason}};
        if (entry.isDir)
            object.insert(QStringLiteral("folder"), true);
        list.append(object);
    }
    using A = SyncPlanEntry::Action;
    return {{QStringLiteral("direction"),
             isUpload() ? QStringLiteral("upload") : QStringLiteral("download")},
            {QStringLiteral("local"), options.localRoot},
            {QStringLiteral("remote"), options.remoteRoot.absolute()},
            {QStringLiteral("entries"), list},
            {QStringLiteral("notes"), QJsonArray::fromStringList(notes)},
            {QStringLiteral("totals"),
             QJsonObject {{QStringLiteral("add"), count(isUpload() ? A::Upload : A::Download)},
                          {QStringLiteral("replace"), count(A::Replace)},
                          {QStringLiteral("delete"), count(A::Delete)},
                          {QStringLiteral("bytes_to_send"), double(bytesToSend())},
                          {QStringLiteral("bytes_to_delete"), double(bytes(A::Delete))},
                          {QStringLiteral("unchanged"), unchanged},
                          {QStringLiteral("unsyncable"), unsyncable},
                          {QStringLiteral("hashed_locally"), hashedLocally},
                          {QStringLiteral("bytes_hashed_locally"), double(bytesHashedLocally)},
                          {QStringLiteral("remote_checksums"), remoteChecksums}}}};
}
