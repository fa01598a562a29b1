#include "app/cli/MoveCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/ExitCode.h"
#include "network/api/RenameJob.h"

int MoveCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    if (!parse(context, parser, args, 2))
        return ExitUsage;
    QStringList positional = parser.positionalArguments();
    const QString destinationText = positional.takeLast();
    QList<RemotePath> sources;
    for (const QString &text : std::as_const(positional)) {
        const auto source = context.remoteArgument(text);
        if (!source)
            return ExitUsage;
        sources << *source;
    }
    const auto destination = context.remoteArgument(destinationText);
    if (!destination)
        return ExitUsage;
    if (!context.connect())
        return context.connectFailure();
    if (!context.require(ApiSurface::Operation::Rename))
        return ExitUsage;

    // Into a folder when the destination says so (trailing '/'), when there are several sources,
    // or when it is an existing folder; otherwise it is the new name.
    bool intoFolder
        = destinationText.endsWith(QLatin1Char('/')) || sources.size() > 1 || destination->isRoot();
    if (!intoFolder) {
        ApiError error;
        if (const auto spec = context.stat(*destination, &error))
            intoFolder = spec->isDir();
    }
    int result = ExitOk;
    for (const RemotePath &source : std::as_const(sources)) {
        const RemotePath target = intoFolder ? destination->child(source.name()) : *destination;
        if (target == source)
            continue;
        RenameJob job(context.client(), source, target);
        if (!context.run(&job)) {
            ApiError error = job.error();
            if (error.kind == ApiError::Kind::Conflict)
                error.detail = QStringLiteral("%1 already exists; move it away or delete it first")
                                   .arg(target.absolute());
            result = context.fail(
                error,
                QStringLiteral("cannot move %1 to %2").arg(source.absolute(), target.absolute()));
        }
    }
    return result;
}
