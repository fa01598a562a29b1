// fal-files-cli: the command-line twin of fal Files, on the same engine.
#include "app/cli/CliCompletion.h"
#include "app/cli/CliContext.h"
#include "app/cli/CliHelp.h"
#include "app/cli/DownloadCommand.h"
#include "app/cli/ExitCode.h"
#include "app/cli/ImportUrlCommand.h"
#include "app/cli/ListCommand.h"
#include "app/cli/MoveCommand.h"
#include "app/cli/RemoveCommand.h"
#include "app/cli/StatCommand.h"
#include "app/cli/SyncCommand.h"
#include "app/cli/TransfersCommand.h"
#include "app/cli/UploadCommand.h"
#include "network/account/Credentials.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include "FalVersion.h" // generated: FAL_FILES_VERSION

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>
#include <memory>
#include <vector>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fal-files"));
    QCoreApplication::setOrganizationName(QStringLiteral("fal-files"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FAL_FILES_VERSION));
    // The plural forms ("1 file", "2 files"). TextFormat installs them as the application starts;
    // said here too, so that main() reads complete.
    TextFormat::installTranslations(&app);

    std::vector<std::unique_ptr<CliCommand>> commands;
    commands.push_back(std::make_unique<ListCommand>());
    commands.push_back(std::make_unique<StatCommand>());
    commands.push_back(std::make_unique<UploadCommand>());
    commands.push_back(std::make_unique<DownloadCommand>());
    commands.push_back(std::make_unique<SyncCommand>());
    commands.push_back(std::make_unique<ImportUrlCommand>());
    commands.push_back(std::make_unique<MoveCommand>());
    commands.push_back(std::make_unique<RemoveCommand>());
    commands.push_back(std::make_unique<TransfersCommand>());

    // Global options come before the command; everything after it belongs to the command.
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption endpoint(QStringLiteral("endpoint"),
                                      QStringLiteral("endpoint URL (one ending in /v1 is fal's "
                                                     "Platform API)"),
                                      QStringLiteral("url"));
    const QCommandLineOption api(QStringLiteral("api"),
                                 QStringLiteral("rest (default) or platform: which of fal's file "
                                                "APIs to speak"),
                                 QStringLiteral("surface"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("profile of ~/.fal/config.toml"),
                                     QStringLiteral("name"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("API key id:secret (visible to others: prefer "
                                                "FAL_KEY or --key-file)"),
                                 QStringLiteral("key"));
    const QCommandLineOption keyFile(QStringLiteral("key-file"),
                                     QStringLiteral("read the API key from a file (- for stdin)"),
                                     QStringLiteral("path"));
    const QCommandLineOption journal(
        QStringLiteral("journal"), QStringLiteral("transfer journal file"), QStringLiteral("path"));
    const QCommandLineOption retryFor(
        QStringLiteral("retry-for"),
        QStringLiteral("how long transfers wait for an unreachable or failing service before "
                       "giving up (exit 6): 90s, 10m, 2h; 0 = no retry (default 10m)"),
        QStringLiteral("duration"), QStringLiteral("10m"));
    const QCommandLineOption bwlimit(
        QStringLiteral("bwlimit"),
        QStringLiteral("bytes per second for all transfers together: 10M, 500K, 1.5M; UP:DOWN "
                       "for each direction; off (default) = no limit"),
        QStringLiteral("rate"));
    const QCommandLineOption verbose({QStringLiteral("v"), QStringLiteral("verbose")},
                                     QStringLiteral("say which key and endpoint are used"));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("this help"));
    const QCommandLineOption version(QStringLiteral("version"), QStringLiteral("the version"));
    parser.addOptions(
        {endpoint, api, profile, key, keyFile, journal, retryFor, bwlimit, verbose, help, version});
    QTextStream err(stderr);
    // Shell completion (packaging/completion) asks here at each Tab; not a command people type.
    if (app.arguments().value(1) == QLatin1String("__complete")) {
        QTextStream out(stdout);
        return CliCompletion(commands, parser).run(app.arguments().mid(2), out);
    }
    const bool parsed = parser.parse(app.arguments());
    // Retries and resumes are news for --verbose only; scripts get results and errors.
    if (!parser.isSet(verbose))
        QLoggingCategory::setFilterRules(QStringLiteral("fal.*.info=false\nfal.*.debug=false"));
    if (!parsed) {
        err << "fal-files-cli: " << parser.errorText() << "\n\n" << CliHelp::text(commands, parser);
        return ExitUsage;
    }
    if (parser.isSet(version)) {
        QTextStream(stdout) << "fal-files-cli " << QCoreApplication::applicationVersion() << '\n';
        return ExitOk;
    }
    QStringList positional = parser.positionalArguments();
    if (parser.isSet(help) || positional.isEmpty() || positional.first() == QLatin1String("help")) {
        QTextStream(parser.isSet(help) || !positional.isEmpty() ? stdout : stderr)
            << CliHelp::text(commands, parser);
        return parser.isSet(help) || !positional.isEmpty() ? ExitOk : ExitUsage;
    }
    const QString commandName = positional.takeFirst();
    for (const auto &command : commands) {
        if (command->name() != commandName && !command->aliases().contains(commandName))
            continue;
        CliContext::GlobalOptions options;
        options.endpoint = parser.value(endpoint);
        options.api = parser.value(api);
        options.profile = parser.value(profile);
        options.key = parser.value(key);
        if (parser.isSet(key) && parser.isSet(keyFile)) {
            err << "fal-files-cli: give the key with --key or with --key-file, not both\n";
            return ExitUsage;
        }
        if (parser.isSet(key))
            err << "fal-files-cli: warning: --key shows the key to every user of this computer "
                   "(ps, /proc) and keeps it in the shell's history; use FAL_KEY or --key-file"
                << Qt::endl;
        if (parser.isSet(keyFile)) {
            QString why;
            const auto fromFile = Credentials::readKeyFile(parser.value(keyFile), &why);
            if (!fromFile) {
                err << "fal-files-cli: " << VisibleText::escaped(why) << '\n';
                return ExitUsage;
            }
            options.key = *fromFile;
            options.keySource = parser.value(keyFile) == QLatin1String("-")
                ? QStringLiteral("the key file on standard input")
                : QStringLiteral("the key file %1").arg(parser.value(keyFile));
        }
        options.journal = parser.value(journal);
        options.verbose = parser.isSet(verbose);
        const auto retryMs = CliContext::parseDuration(parser.value(retryFor));
        if (!retryMs) {
            err << "fal-files-cli: --retry-for takes a duration such as 90s, 10m or 2h, not '"
                << parser.value(retryFor) << "'\n";
            return ExitUsage;
        }
        options.retryForMs = *retryMs;
        if (parser.isSet(bwlimit)) {
            QString why;
            if (!CliContext::parseBandwidth(parser.value(bwlimit), &options.uploadBytesPerSecond,
                                            &options.downloadBytesPerSecond, &why)) {
                err << "fal-files-cli: --bwlimit: " << VisibleText::escaped(why) << '\n';
                return ExitUsage;
            }
        }
        CliContext context(options);
        const int code = command->run(context, positional);
        return command->helpShown() ? ExitOk : code; // `COMMAND --help`
    }
    err << "fal-files-cli: unknown command '" << commandName << "'\n\n"
        << CliHelp::text(commands, parser);
    return ExitUsage;
}
