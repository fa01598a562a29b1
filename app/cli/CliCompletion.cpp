#include "app/cli/CliCompletion.h"

#include "app/cli/CliCommand.h"
#include "app/cli/CliContext.h"
#include "app/cli/ExitCode.h"
#include "network/account/Credentials.h"
#include "network/api/FilesClient.h"
#include "network/api/ListJob.h"

#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

namespace {

// The values an option takes, by the name its value goes by in --help (any command's option
// named so completes the same way).
QStringList valuesFor(const QString &valueName)
{
    if (valueName == QLatin1String("answer"))
        return {QStringLiteral("ask"), QStringLiteral("overwrite"), QStringLiteral("skip"),
                QStringLiteral("keep-both")};
    if (valueName == QLatin1String("surface"))
        return {QStringLiteral("rest"), QStringLiteral("platform")};
    return {};
}

bool isLocalValue(const QString &valueName)
{
    return valueName == QLatin1String("path") || valueName == QLatin1String("file")
        || valueName == QLatin1String("dir");
}

} // namespace

CliCompletion::CliCompletion(const std::vector<std::unique_ptr<CliCommand>> &commands,
                             const QCommandLineParser &globalOptions)
    : m_commands(commands)
    , m_globalOptions(parseOptionsHelp(CliCommand::optionsHelp(globalOptions)))
{
}

QList<CliCompletion::Option> CliCompletion::parseOptionsHelp(const QString &help)
{
    // "  -v, --verbose           say which key..." / "  --on-conflict <answer>  what to do..."
    static const QRegularExpression line(
        QStringLiteral("^  (-[^\\s,]+(?:, --?[^\\s,]+)*)(?: <([^>]+)>)?\\s{2,}(.*)$"));
    QList<Option> options;
    for (const QString &text : help.split(QLatin1Char('\n'))) {
        const auto match = line.match(text);
        if (!match.hasMatch()) {
            // A wrapped description goes on below, indented past the names.
            if (!options.isEmpty() && text.startsWith(QLatin1String("    ")))
                options.last().description += QLatin1Char(' ') + text.trimmed();
            continue;
        }
        Option option;
        for (QString name : match.captured(1).split(QLatin1String(", ")))
            option.names << name.remove(QRegularExpression(QStringLiteral("^-+")));
        option.valueName = match.captured(2);
        option.description = match.captured(3).trimmed();
        options << option;
    }
    return options;
}

const CliCompletion::Option *CliCompletion::findOption(const QList<Option> &options,
                                                       const QString &word) const
{
    QString name = word;
    name.remove(QRegularExpression(QStringLiteral("^-+")));
    name = name.section(QLatin1Char('='), 0, 0);
    for (const Option &option : options)
        if (option.names.contains(name))
            return &option;
    return nullptr;
}

int CliCompletion::run(const QStringList &words, QTextStream &out)
{
    const QString current = words.isEmpty() ? QString() : words.last();
    const QStringList before = words.mid(0, words.size() - 1);
    CliCommand *command = nullptr;
    QList<Option> commandOptions;
    int positional = 0;
    bool afterDashes = false;
    const Option *awaitingValue = nullptr;
    for (const QString &word : before) {
        const QList<Option> &scope = command ? commandOptions : m_globalOptions;
        if (awaitingValue) {
            if (!command)
                m_globalWords << word;
            awaitingValue = nullptr;
        } else if (!afterDashes && word == QLatin1String("--") && command) {
            afterDashes = true;
        } else if (!afterDashes && word.startsWith(QLatin1Char('-')) && word.size() > 1) {
            const Option *option = findOption(scope, word);
            if (!command)
                m_globalWords << word;
            if (option && !option->valueName.isEmpty() && !word.contains(QLatin1Char('=')))
                awaitingValue = option;
        } else if (!command) {
            for (const auto &candidate : m_commands)
                if (candidate->name() == word || candidate->aliases().contains(word))
                    command = candidate.get();
            if (!command) {
                out << "none\n";
                return ExitOk;
            }
            CliContext quiet {CliContext::GlobalOptions {}};
            commandOptions = parseOptionsHelp(command->help(quiet));
        } else {
            ++positional;
        }
    }
    const QList<Option> &scope = command ? commandOptions : m_globalOptions;
    if (awaitingValue) {
        if (isLocalValue(awaitingValue->valueName))
            out << "files\n";
        else if (!valueCandidates(*awaitingValue, current, out))
            out << "none\n";
        return ExitOk;
    }
    if (!afterDashes && current.startsWith(QLatin1Char('-'))) {
        const Option *option = findOption(scope, current);
        if (current.contains(QLatin1Char('=')) && option) {
            if (!valueCandidates(*option, current.section(QLatin1Char('='), 1), out,
                                 current.section(QLatin1Char('='), 0, 0) + QLatin1Char('=')))
                out << "none\n";
            return ExitOk;
        }
        optionCandidates(scope, current, out);
        return ExitOk;
    }
    if (!command) {
        out << "words\n";
        for (const auto &candidate : m_commands) {
            for (const QString &name : QStringList {candidate->name()} + candidate->aliases())
                if (name.startsWith(current))
                    // one line: the scripts read a candidate a line, and a summary may be wrapped
                    out << name << '\t' << candidate->summary().simplified() << '\n';
        }
        return ExitOk;
    }
    switch (positionalKind(*command, positional, current)) {
    case Kind::Local:
        out << "files\n";
        break;
    case Kind::None:
        out << "none\n";
        break;
    case Kind::Remote:
        remoteCandidates(current, out);
        break;
    }
    return ExitOk;
}

CliCompletion::Kind CliCompletion::positionalKind(const CliCommand &command, int index,
                                                  const QString &current) const
{
    // The synopsis names the arguments: "upload [...] LOCAL... REMOTE", "import-url URL REMOTE".
    // A word that starts with /data is remote wherever it stands; otherwise a command that takes
    // local paths gets the shell's own file completion, as scp does without a "host:".
    static const QRegularExpression placeholder(QStringLiteral("\\b([A-Z][A-Z_]+)\\b(\\.\\.\\.)?"));
    // Options and their values ("[--exclude PATTERN]...") are not positional arguments.
    static const QRegularExpression options(QStringLiteral("\\[-[^\\]]*\\](\\.\\.\\.)?"));
    const QString positionals = QString(command.synopsis()).remove(options);
    QStringList names;
    int repeated = -1;
    for (auto it = placeholder.globalMatch(positionals); it.hasNext();) {
        const auto match = it.next();
        if (!match.captured(2).isEmpty() && repeated < 0)
            repeated = int(names.size());
        names << match.captured(1);
    }
    // sync's SOURCE and DESTINATION are a local folder and a /data path, either way round: a
    // word that does not start with /data is a local path there (sync refuses "models").
    const bool takesLocal
        = names.contains(QLatin1String("LOCAL")) || names.contains(QLatin1String("SOURCE"));
    if (current.startsWith(QLatin1String("/data"))
        || (!takesLocal && !current.isEmpty() && QStringLiteral("/data/").startsWith(current)))
        return Kind::Remote;
    // Written as a local path ("./x", "../x", "~/x", "/home/x"): local, whatever the command
    // (remote paths are written /data/x, or x where only remote paths can stand).
    if (current.startsWith(QLatin1String("./")) || current.startsWith(QLatin1String("../"))
        || current.startsWith(QLatin1Char('~')) || current.startsWith(QLatin1Char('/')))
        return Kind::Local;
    const QString name
        = index < names.size() ? names.at(index) : (repeated >= 0 ? names.at(repeated) : QString());
    if (name == QLatin1String("URL") || name.isEmpty())
        return Kind::None;
    if (takesLocal)
        return Kind::Local;
    return Kind::Remote;
}

void CliCompletion::optionCandidates(const QList<Option> &options, const QString &current,
                                     QTextStream &out) const
{
    out << "words\n";
    for (const Option &option : options) {
        for (const QString &name : option.names) {
            const QString word
                = (name.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + name;
            if (word.startsWith(current))
                out << word << '\t' << option.description.simplified() << '\n';
        }
    }
}

bool CliCompletion::valueCandidates(const Option &option, const QString &prefix, QTextStream &out,
                                    const QString &optionPart) const
{
    const QStringList values = valuesFor(option.valueName);
    if (values.isEmpty())
        return false;
    out << "words\n";
    for (const QString &value : values)
        if (value.startsWith(prefix))
            out << optionPart << value << '\n';
    return true;
}

void CliCompletion::remoteCandidates(const QString &current, QTextStream &out)
{
    out << "paths\n";
    if (!current.startsWith(QLatin1String("/data/")) && current.startsWith(QLatin1Char('/'))) {
        out << "/data/\n"; // "/", "/da", "/data"
        return;
    }
    // What the person typed up to the last '/' is kept as typed; the rest is a name's prefix.
    const qsizetype slash = current.lastIndexOf(QLatin1Char('/'));
    const QString folderText = current.left(slash + 1);
    const QString prefix = current.mid(slash + 1);
    for (const QString &name :
         listRemote(folderText.isEmpty() ? QStringLiteral("/data") : folderText)) {
        if (name.startsWith(prefix))
            out << folderText << name << '\n';
    }
}

QStringList CliCompletion::listRemote(const QString &folderText)
{
    const auto folder = RemotePath::parse(folderText);
    if (!folder)
        return {};
    // The same account as the command would use: the global options given before it.
    QCommandLineParser parser;
    parser.addOptions({{QStringLiteral("endpoint"), {}, QStringLiteral("v")},
                       {QStringLiteral("api"), {}, QStringLiteral("v")},
                       {QStringLiteral("profile"), {}, QStringLiteral("v")},
                       {QStringLiteral("key-file"), {}, QStringLiteral("v")}});
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    CliContext::GlobalOptions options;
    if (parser.parse(QStringList {QString()} + m_globalWords)) {
        options.endpoint = parser.value(QStringLiteral("endpoint"));
        options.api = parser.value(QStringLiteral("api"));
        options.profile = parser.value(QStringLiteral("profile"));
        const QString keyFile = parser.value(QStringLiteral("key-file"));
        if (!keyFile.isEmpty() && keyFile != QLatin1String("-")) { // never wait on stdin
            if (const auto key = Credentials::readKeyFile(keyFile))
                options.key = *key;
        }
    }
    options.retryForMs = 0; // a Tab does not wait out an outage
    CliContext context(options);
    if (!context.connect())
        return {};

    const QString cacheDir = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation)
        + QStringLiteral("/fal-files/completion");
    const QByteArray id = context.client()->endpoint().toString().toUtf8() + '\n'
        + context.client()->credentials().keyId().toUtf8() + '\n' + folder->relative().toUtf8();
    const QString cacheFile = cacheDir + QLatin1Char('/')
        + QString::fromLatin1(QCryptographicHash::hash(id, QCryptographicHash::Sha256).toHex());
    const QFileInfo cached(cacheFile);
    if (cached.exists()
        && cached.lastModified().secsTo(QDateTime::currentDateTime()) < kCacheSeconds) {
        QFile file(cacheFile);
        if (file.open(QIODevice::ReadOnly))
            return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }

    ListJob job(context.client(), *folder);
    QTimer::singleShot(kListTimeoutMs, &job, [&job] { job.cancel(); });
    if (!context.run(&job))
        return {};
    QStringList names;
    for (const FileSpec &entry : job.entries())
        names << entry.name + (entry.isDir() ? QStringLiteral("/") : QString());
    names.sort();
    // Names of private files: the cache is the user's alone.
    QDir().mkpath(cacheDir);
    QFile::setPermissions(cacheDir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QSaveFile file(cacheFile);
    if (file.open(QIODevice::WriteOnly)) {
        file.write(names.join(QLatin1Char('\n')).toUtf8());
        file.commit();
    }
    return names;
}
