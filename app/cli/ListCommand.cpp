#include "app/cli/ListCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/ExitCode.h"
#include "app/cli/FileSpecPrinter.h"
#include "network/api/ListJob.h"
#include "network/text/VisibleText.h"

int ListCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption longOption(QStringLiteral("l"),
                                        QStringLiteral("long listing: type, size, modified, name"));
    const QCommandLineOption jsonOption(QStringLiteral("json"),
                                        QStringLiteral("the listing as JSON"));
    parser.addOptions({longOption, jsonOption});
    if (!parse(context, parser, args, 0, 1))
        return ExitUsage;
    const auto path = context.remoteArgument(parser.positionalArguments().value(0));
    if (!path)
        return ExitUsage;
    if (!context.connect())
        return context.connectFailure();

    // The API lists a missing folder as empty: ask first, so a typo is not "an empty folder".
    ApiError error;
    const auto spec = context.stat(*path, &error);
    if (!spec) {
        if (error.kind == ApiError::Kind::NotFound)
            error.detail = QStringLiteral("no such file or folder: %1").arg(path->absolute());
        return context.fail(error, QString());
    }
    QList<FileSpec> entries;
    if (spec->isFile) {
        entries << *spec;
    } else {
        ListJob job(context.client(), *path);
        if (!context.run(&job))
            return context.fail(job.error(),
                                QStringLiteral("cannot list %1").arg(path->absolute()));
        entries = job.takeEntries();
        // What the server listed but cannot be shown as it is: said, never silently dropped.
        for (const QString &why : job.skipped())
            context.error(QStringLiteral("warning: left out: %1").arg(VisibleText::escaped(why)));
        std::sort(entries.begin(), entries.end(),
                  [](const FileSpec &a, const FileSpec &b) { return a.name < b.name; });
    }
    if (parser.isSet(jsonOption))
        FileSpecPrinter::printJson(context.out(), entries);
    else if (parser.isSet(longOption))
        FileSpecPrinter::printLong(context.out(), entries);
    else
        FileSpecPrinter::printNames(context.out(), entries);
    return ExitOk;
}
