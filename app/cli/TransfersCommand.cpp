#include "app/cli/TransfersCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliTransferRun.h"
#include "app/cli/ExitCode.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferEngine.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

int TransfersCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption resume(QStringLiteral("resume"),
                                    QStringLiteral("run every unfinished transfer"));
    const QCommandLineOption clear(QStringLiteral("clear"),
                                   QStringLiteral("forget finished transfers"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("list as JSON"));
    parser.addOptions({resume, clear, json});
    if (!parse(context, parser, args, 0, 0))
        return ExitUsage;
    // The queue is per account (endpoint and key): the key says whose transfers these are.
    if (!context.connect())
        return context.connectFailure();
    CliTransferRun run(context);
    if (!run.prepare(parser.isSet(resume), QString()))
        return ExitFailed;
    TransferEngine *engine = run.engine();
    if (parser.isSet(resume)) {
        engine->resumeAll();
        return run.wait({}, QStringLiteral("transferred"));
    }
    if (parser.isSet(clear)) {
        engine->clearFinished();
        return ExitOk;
    }
    QJsonArray array;
    for (const qint64 id : engine->ids()) {
        const TransferItem *item = engine->item(id);
        const QString progress = item->size > 0
            ? QStringLiteral("%1%").arg(item->bytesDone * 100 / item->size)
            : QStringLiteral("-");
        if (parser.isSet(json)) {
            array.append(QJsonObject {
                {QStringLiteral("id"), double(item->id)},
                {QStringLiteral("direction"), TransferItem::directionName(item->direction)},
                {QStringLiteral("state"), TransferItem::stateName(item->state)},
                {QStringLiteral("local"), item->localPath},
                {QStringLiteral("remote"), item->remotePath.absolute()},
                {QStringLiteral("url"), item->sourceUrl},
                {QStringLiteral("size"), double(item->size)},
                {QStringLiteral("bytes_done"), double(item->bytesDone)},
                {QStringLiteral("error"), item->error}});
            continue;
        }
        // Names, paths, URLs and errors come from the server, the journal or the disk.
        context.out() << VisibleText::escaped(
            QStringLiteral("%1  %2  %3  %4  %5  %6")
                .arg(item->id, 5)
                .arg(TransferItem::directionName(item->direction), -8)
                .arg(TransferItem::stateName(item->state), -15)
                .arg(progress, 4)
                .arg(item->size >= 0 ? TextFormat::size(item->size) : QStringLiteral("?"), 10)
                .arg(item->direction == TransferItem::Direction::Download
                         ? item->remotePath.absolute() + QStringLiteral(" -> ") + item->localPath
                         : (item->sourceUrl.isEmpty() ? item->localPath : item->sourceUrl)
                             + QStringLiteral(" -> ") + item->remotePath.absolute()));
        if (!item->error.isEmpty())
            context.out() << "\n       " << VisibleText::escaped(item->error);
        context.out() << '\n';
    }
    if (parser.isSet(json))
        context.out() << VisibleText::escapedJson(
            QJsonDocument(array).toJson(QJsonDocument::Indented));
    context.out().flush();
    return ExitOk;
}
