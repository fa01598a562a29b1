#include "app/cli/RemoveCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/ExitCode.h"
#include "network/api/DeleteJob.h"

int RemoveCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption recursive({QStringLiteral("r"), QStringLiteral("recursive")},
                                       QStringLiteral("delete folders and everything in them"));
    parser.addOption(recursive);
    if (!parse(context, parser, args, 1))
        return ExitUsage;
    QList<RemotePath> paths;
    for (const QString &text : parser.positionalArguments()) {
        const auto path = context.remoteArgument(text);
        if (!path)
            return ExitUsage;
        if (path->isRoot()) {
            context.error(QStringLiteral("refusing to delete all of /data"));
            return ExitUsage;
        }
        paths << *path;
    }
    if (!context.connect())
        return context.connectFailure();
    if (!context.require(ApiSurface::Operation::Delete))
        return ExitUsage;
    int result = ExitOk;
    for (const RemotePath &path : std::as_const(paths)) {
        ApiError error;
        const auto spec = context.stat(path, &error);
        if (!spec) {
            if (error.kind == ApiError::Kind::NotFound)
                error.detail = QStringLiteral("no such file or folder: %1").arg(path.absolute());
            result = context.fail(error, QString());
            continue;
        }
        if (spec->isDir() && !parser.isSet(recursive)) {
            context.error(
                QStringLiteral("%1 is a folder; use rm -r to delete it with everything in it")
                    .arg(path.absolute()));
            result = ExitUsage;
            continue;
        }
        DeleteJob job(context.client(), path);
        if (!context.run(&job))
            result = context.fail(job.error(),
                                  QStringLiteral("cannot delete %1").arg(path.absolute()));
    }
    return result;
}
