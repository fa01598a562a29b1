#include "app/cli/CliCommand.h"

#include "app/cli/CliContext.h"

bool CliCommand::parse(CliContext &context, QCommandLineParser &parser, const QStringList &args,
                       int minPositional, int maxPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    if (!parser.parse(QStringList {name()} + args)) {
        context.error(parser.errorText());
        context.error(QStringLiteral("usage: fal-files-cli %1").arg(synopsis()));
        return false;
    }
    const qsizetype count = parser.positionalArguments().size();
    if (count < minPositional || (maxPositional >= 0 && count > maxPositional)) {
        context.error(QStringLiteral("usage: fal-files-cli %1").arg(synopsis()));
        return false;
    }
    return true;
}
