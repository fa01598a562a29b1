#include "app/cli/UploadCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliTransferRun.h"
#include "app/cli/ExitCode.h"
#include "network/transfer/TransferEngine.h"

#include <QFileInfo>

#include <cstdio>

int UploadCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption conflict(QStringLiteral("on-conflict"),
                                      QStringLiteral("what to do when the target exists"),
                                      QStringLiteral("answer"));
    const QCommandLineOption followLinks(
        QStringLiteral("follow-symlinks"),
        QStringLiteral("also upload what links inside a folder point to outside it"));
    parser.addOptions({conflict, followLinks});
    if (!parse(context, parser, args, 2))
        return ExitUsage;
    QStringList locals = parser.positionalArguments();
    const QString remoteText = locals.takeLast();
    for (QString &local : locals) {
        const QFileInfo info(local);
        if (!info.exists()) {
            context.error(QStringLiteral("%1: no such file or folder").arg(local));
            return ExitNotFound;
        }
        local = info.absoluteFilePath();
    }
    const auto remote = context.remoteArgument(remoteText);
    if (!remote)
        return ExitUsage;
    if (!context.connect())
        return context.connectFailure();

    // REMOTE is a folder to upload into when it says so ("x/"), when there are several sources,
    // or when it exists as a folder; otherwise it is the new name of the one source.
    RemotePath folder = *remote;
    QString renameTo;
    const bool saysFolder
        = remoteText.endsWith(QLatin1Char('/')) || remote->isRoot() || locals.size() > 1;
    if (!saysFolder) {
        ApiError error;
        const auto spec = context.stat(*remote, &error);
        if (!spec && error.kind != ApiError::Kind::NotFound)
            return context.fail(error, QStringLiteral("cannot look at %1").arg(remote->absolute()));
        if (!spec || spec->isFile) {
            folder = remote->parent();
            renameTo = remote->name();
        }
    }
    CliTransferRun run(context);
    if (!run.prepare(false, parser.value(conflict)))
        return ExitUsage;
    run.engine()->setFollowLinksOut(parser.isSet(followLinks));
    // What the folder scan left out (links, devices) goes to stderr, scripts or not.
    QObject::connect(run.engine(), &TransferEngine::batchReady, run.engine(),
                     [&context](qint64, const QList<qint64> &, const QStringList &notes) {
                         if (!notes.isEmpty() && CliContext::stderrIsTerminal())
                             std::fputs("\r\033[K", stderr); // under a progress line
                         for (const QString &note : notes)
                             context.error(note);
                     });
    const qint64 batch = run.engine()->upload(locals, folder, run.conflictPolicy(), renameTo);
    return run.wait({batch}, QStringLiteral("uploaded"));
}
