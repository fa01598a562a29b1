#include "app/cli/CliCommand.h"

#include "app/cli/CliContext.h"

QString CliCommand::optionsHelp(const QCommandLineParser &parser)
{
    // Qt lays the options out (aligned columns, wrapped descriptions); only its "Usage:" line,
    // which names the program alone, is left out.
    const QString text = parser.helpText();
    const qsizetype at = text.indexOf(QLatin1String("Options:\n"));
    return at < 0 ? QString() : text.mid(at);
}

QString CliCommand::help(CliContext &context)
{
    m_captureHelp = true;
    m_helpText.clear();
    run(context, {QStringLiteral("--help")});
    m_captureHelp = false;
    m_helpShown = false;
    return m_helpText;
}

bool CliCommand::parse(CliContext &context, QCommandLineParser &parser, const QStringList &args,
                       int minPositional, int maxPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsCompactedShortOptions);
    // --help before a "--" asks for help; after it, it is a file name.
    const qsizetype end = args.indexOf(QLatin1String("--"));
    const QStringList own = end < 0 ? args : args.mid(0, end);
    if (own.contains(QLatin1String("--help")) || own.contains(QLatin1String("-h"))) {
        parser.addOption(QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                                            QStringLiteral("this help")));
        m_helpText = QStringLiteral("usage: fal-files-cli %1\n\n%2\n").arg(synopsis(), summary());
        m_helpText += QLatin1Char('\n') + optionsHelp(parser);
        m_helpShown = true;
        if (!m_captureHelp) {
            context.out() << m_helpText;
            context.out().flush();
        }
        return false;
    }
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
