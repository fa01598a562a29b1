#pragma once

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

class CliCommand;
class QCommandLineParser;
class QTextStream;

// `fal-files-cli __complete WORD...`: what the shell completion scripts of packaging/completion
// ask at each Tab. WORDs are the words after the program name, the last one the word under the
// cursor (empty after a space). The answer is a directive line, then one candidate a line with an
// optional tab and description:
//   words   the candidates that follow (commands, options, values)
//   paths   remote paths that follow, as typed so far (a folder ends in '/': no space after it)
//   files   let the shell complete local paths
//   none    nothing to offer (a URL, a number)
// Commands and options come from the command table and the commands' own parsers (their --help),
// so a new command completes without a list of its own. Remote paths are listed like scp lists a
// remote folder over ssh: one listing with a short timeout, kept a few seconds in
// $XDG_CACHE_HOME/fal-files/completion so that Tab after Tab does not ask again.
class CliCompletion
{
public:
    static constexpr int kListTimeoutMs = 2000;
    static constexpr int kCacheSeconds = 20;

    CliCompletion(const std::vector<std::unique_ptr<CliCommand>> &commands,
                  const QCommandLineParser &globalOptions);
    int run(const QStringList &words, QTextStream &out);

    struct Option
    {
        QStringList names; // "l", "json"; as Qt's help lists them
        QString valueName; // "answer"; empty: a switch
        QString description;
    };
    // The options in a help text as QCommandLineParser lays them out.
    static QList<Option> parseOptionsHelp(const QString &help);

private:
    enum class Kind { Remote, Local, None };
    const Option *findOption(const QList<Option> &options, const QString &word) const;
    Kind positionalKind(const CliCommand &command, int index, const QString &current) const;
    void optionCandidates(const QList<Option> &options, const QString &current,
                          QTextStream &out) const;
    // `optionPart` goes before each value: "--on-conflict=" when the word holds both.
    bool valueCandidates(const Option &option, const QString &prefix, QTextStream &out,
                         const QString &optionPart = {}) const;
    void remoteCandidates(const QString &current, QTextStream &out);
    QStringList listRemote(const QString &folder); // names, folders ending in '/'; cached

    const std::vector<std::unique_ptr<CliCommand>> &m_commands;
    QList<Option> m_globalOptions;
    QStringList m_globalWords; // the global options given, to list with the same account
};
