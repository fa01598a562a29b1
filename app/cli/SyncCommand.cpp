#include "app/cli/SyncCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliTransferRun.h"
#include "app/cli/ExitCode.h"
#include "network/api/FilesClient.h"
#include "network/api/OutageBudget.h"
#include "network/sync/EngineSyncQueue.h"
#include "network/sync/SyncPlanner.h"
#include "network/sync/SyncRunner.h"
#include "network/sync/SyncStateStore.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferEngine.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace {

bool isRemoteText(const QString &text)
{
    return text == QLatin1String("/data") || text.startsWith(QLatin1String("/data/"));
}

} // namespace

bool SyncCommand::runJob(Job *job)
{
    QEventLoop loop;
    QObject::connect(job, &Job::finished, &loop, &QEventLoop::quit);
    job->start();
    if (!job->isFinished())
        loop.exec();
    return job->succeeded();
}

bool SyncCommand::waitForService(CliContext &context, const ApiError &error)
{
    // Each request retries a few times on its own (RetryPolicy); an outage longer than that is
    // waited out here, up to --retry-for, as upload and download wait it out in the engine.
    const OutageBudget &outage = context.client()->outage();
    if (!error.isTransient() || !outage.isDown() || outage.isSpent())
        return false;
    qint64 waitMs = 5000;
    if (outage.isLimited())
        waitMs = std::min(waitMs, outage.remainingMs());
    if (waitMs <= 0)
        return false;
    // One arg() call: a "%2" in the server's text stays text.
    context.error(QStringLiteral("waiting for the service (%1), retrying in %2")
                      .arg(error.message(), TextFormat::duration((waitMs + 999) / 1000)));
    QEventLoop loop;
    QTimer::singleShot(int(waitMs), &loop, &QEventLoop::quit);
    loop.exec();
    return true;
}

void SyncCommand::printPlan(CliContext &context, const SyncPlan &plan)
{
    for (const QString &line : plan.lines())
        context.out() << line << '\n';
    context.out() << QStringLiteral("total: %1, %2 to %3")
                         .arg(plan.summary(), TextFormat::size(plan.bytesToSend()),
                              plan.isUpload() ? QStringLiteral("send") : QStringLiteral("download"))
                  << '\n';
    context.out().flush();
}

void SyncCommand::printResult(CliContext &context, const SyncRunner &runner)
{
    const SyncRunner::Result &result = runner.result();
    const SyncPlan &plan = runner.plan();
    QStringList parts;
    parts << QStringLiteral("%1 %2 (%3)")
                 .arg(plan.isUpload() ? QStringLiteral("uploaded") : QStringLiteral("downloaded"),
                      TextFormat::files(result.transferred),
                      TextFormat::size(result.bytesTransferred));
    if (result.deleted > 0)
        parts << QStringLiteral("deleted %1").arg(TextFormat::items(result.deleted));
    if (plan.unchanged > 0)
        parts << QStringLiteral("%1 unchanged").arg(TextFormat::files(plan.unchanged));
    if (result.failed > 0)
        parts << QStringLiteral("%1 failed").arg(TextFormat::files(result.failed));
    context.out() << QStringLiteral("synced: ") << parts.join(QStringLiteral(", ")) << '\n';
    context.out().flush();
}

int SyncCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("print the plan and change nothing"));
    const QCommandLineOption deleteExtra(
        QStringLiteral("delete"), QStringLiteral("also remove from DESTINATION what SOURCE lacks"));
    const QCommandLineOption checksum(
        QStringLiteral("checksum"),
        QStringLiteral("compare SHA-256 on both sides even when sizes and times agree"));
    const QCommandLineOption exclude(QStringLiteral("exclude"),
                                     QStringLiteral("leave out what matches (.gitignore syntax)"),
                                     QStringLiteral("pattern"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("print the plan and the result as JSON"));
    const QCommandLineOption noFalHash(
        QStringLiteral("no-fal-hash"),
        QStringLiteral("do not leave fal's sync_dir hash in DESTINATION/.fal_hash (spares a "
                       "read of the whole folder after a change)"));
    parser.addOptions({dryRun, deleteExtra, checksum, exclude, json, noFalHash});
    if (!parse(context, parser, args, 2, 2))
        return ExitUsage;
    const QString sourceText = parser.positionalArguments().at(0);
    const QString destText = parser.positionalArguments().at(1);
    if (isRemoteText(sourceText) == isRemoteText(destText)) {
        context.error(QStringLiteral("sync needs one local folder and one /data path (written "
                                     "/data/...), in either order"));
        return ExitUsage;
    }
    SyncOptions options;
    options.direction = isRemoteText(destText) ? SyncOptions::Direction::Upload
                                               : SyncOptions::Direction::Download;
    const bool upload = options.direction == SyncOptions::Direction::Upload;
    const QString localText = upload ? sourceText : destText;
    const auto remote = context.remoteArgument(upload ? destText : sourceText);
    if (!remote)
        return ExitUsage;
    const QFileInfo local(localText);
    if (upload && !local.exists()) {
        context.error(QStringLiteral("%1: no such folder").arg(localText));
        return ExitNotFound;
    }
    if (local.exists() && !local.isDir()) {
        context.error(QStringLiteral("%1 is not a folder").arg(localText));
        return ExitUsage;
    }
    options.localRoot = QDir::cleanPath(local.absoluteFilePath());
    options.remoteRoot = *remote;
    options.deleteExtra = parser.isSet(deleteExtra);
    options.checksum = parser.isSet(checksum);
    options.excludes = parser.values(exclude);
    options.writeFalHash = !parser.isSet(noFalHash);
    if (!context.connect())
        return context.connectFailure();
    if (!context.require(ApiSurface::Operation::Checksum))
        return ExitUsage;
    options.account = context.client()->endpoint().toString() + QLatin1Char(' ')
        + context.client()->credentials().keyId();

    ApiError error;
    auto rootSpec = context.stat(*remote, &error);
    while (!rootSpec && waitForService(context, error))
        rootSpec = context.stat(*remote, &error);
    if (!rootSpec && !(upload && error.kind == ApiError::Kind::NotFound))
        return context.fail(error, QStringLiteral("cannot look at %1").arg(remote->absolute()));
    if (rootSpec && rootSpec->isFile) {
        context.error(QStringLiteral("%1 is a file, not a folder").arg(remote->absolute()));
        return ExitUsage;
    }

    SyncStateStore store(context.journalPath());
    QString why;
    if (!store.open(&why)) {
        context.error(why);
        return ExitLocal;
    }
    auto planner = std::make_unique<SyncPlanner>(context.client(), &store, options);
    while (!runJob(planner.get())) {
        if (!waitForService(context, planner->error()))
            return context.fail(planner->error(), QStringLiteral("cannot plan the sync"));
        planner = std::make_unique<SyncPlanner>(context.client(), &store, options);
    }
    const SyncPlan &plan = planner->plan();
    const bool asJson = parser.isSet(json);
    // What was left out goes to stderr, scripts or not (as upload's notes do).
    for (const QString &note : plan.notes)
        context.error(note);
    if (!asJson && (parser.isSet(dryRun) || context.options().verbose))
        printPlan(context, plan); // the whole plan: always for a dry run, with -v otherwise
    if (parser.isSet(dryRun)) {
        if (asJson) {
            QJsonObject out {{QStringLiteral("dry_run"), true},
                             {QStringLiteral("plan"), plan.toJson()}};
            // Names with DEL or C1 characters come out as \u escapes (VisibleText).
            context.out() << VisibleText::escapedJson(
                QJsonDocument(out).toJson(QJsonDocument::Indented));
        }
        return ExitOk;
    }
    CliTransferRun transfers(context);
    if (!transfers.prepare(false, QStringLiteral("overwrite")))
        return ExitLocal;
    EngineSyncQueue queue(transfers.engine());
    SyncRunner runner(context.client(), &queue, &store, plan);
    runner.start();
    int code = ExitOk;
    if (runner.batchId() != 0) {
        code = transfers.wait({runner.batchId()},
                              upload ? QStringLiteral("uploaded") : QStringLiteral("downloaded"));
        if (code == ExitInterrupted)
            return code;
    }
    if (!runner.isFinished()) {
        QEventLoop loop;
        QObject::connect(&runner, &Job::finished, &loop, &QEventLoop::quit);
        loop.exec();
    }
    const SyncRunner::Result &result = runner.result();
    if (asJson) {
        QJsonObject out {
            {QStringLiteral("dry_run"), false},
            {QStringLiteral("plan"), plan.toJson()},
            {QStringLiteral("result"),
             QJsonObject {{QStringLiteral("transferred"), result.transferred},
                          {QStringLiteral("bytes_transferred"), double(result.bytesTransferred)},
                          {QStringLiteral("failed"), result.failed},
                          {QStringLiteral("deleted"), result.deleted},
                          {QStringLiteral("delete_failed"), result.deleteFailed},
                          {QStringLiteral("fal_hash"), result.falHash},
                          {QStringLiteral("fal_hash_written"), result.falHashWritten},
                          {QStringLiteral("folder_hash_files_read"), result.hashedLocally},
                          {QStringLiteral("errors"),
                           QJsonArray::fromStringList(result.transferErrors + result.errors)},
                          {QStringLiteral("ok"), runner.succeeded()}}}};
        // Names with DEL or C1 characters come out as \u escapes (VisibleText).
        context.out() << VisibleText::escapedJson(
            QJsonDocument(out).toJson(QJsonDocument::Indented));
    } else {
        printResult(context, runner);
    }
    if (plan.unsyncable > 0 && code == ExitOk && runner.succeeded()) {
        // Said one by one above (the plan's notes); a script must not read this as "the same".
        context.error(
            QStringLiteral("%1 could not be synced").arg(TextFormat::files(plan.unsyncable)));
        code = ExitFailed;
    }
    if (!runner.succeeded()) {
        // Files that did not arrive were named by the transfer report; the rest is said here.
        for (const QString &line : result.errors)
            context.error(line);
        if (code == ExitOk)
            code = exitCodeFor(runner.error());
    }
    return code;
}
