#include "app/cli/StatCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/ExitCode.h"
#include "app/cli/FileSpecPrinter.h"
#include "network/text/VisibleText.h"

#include <QJsonDocument>
#include <QJsonObject>

int StatCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption checksumOption(
        QStringLiteral("checksum"), QStringLiteral("have the server compute SHA-256 and MD5"));
    const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("as JSON"));
    parser.addOptions({checksumOption, jsonOption});
    if (!parse(context, parser, args, 1, 1))
        return ExitUsage;
    const auto path = context.remoteArgument(parser.positionalArguments().constFirst());
    if (!path)
        return ExitUsage;
    if (!context.connect())
        return context.connectFailure();
    if (parser.isSet(checksumOption) && !context.require(ApiSurface::Operation::Checksum))
        return ExitUsage;
    ApiError error;
    const auto spec = context.stat(*path, &error, parser.isSet(checksumOption));
    if (!spec) {
        if (error.kind == ApiError::Kind::NotFound)
            error.detail = QStringLiteral("no such file or folder: %1").arg(path->absolute());
        return context.fail(error, QString());
    }
    if (parser.isSet(jsonOption))
        context.out() << VisibleText::escapedJson(
            QJsonDocument(FileSpecPrinter::toJson(*spec)).toJson(QJsonDocument::Indented));
    else
        FileSpecPrinter::printStat(context.out(), *spec);
    context.out().flush();
    return ExitOk;
}
