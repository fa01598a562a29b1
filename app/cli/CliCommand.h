#pragma once

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

class CliContext;

// One fal-files-cli subcommand. `args` holds what follows the command's name.
class CliCommand
{
public:
    virtual ~CliCommand() = default;
    virtual QString name() const = 0;
    // Other names it answers to (`list` for `ls`, as fal's own CLI says `fal files list`).
    virtual QStringList aliases() const { return {}; }
    virtual QString synopsis() const = 0; // "ls [-l] [--json] PATH"
    virtual QString summary() const = 0; // one line for the help text
    virtual int run(CliContext &context, const QStringList &args) = 0;

    // `fal-files-cli COMMAND --help`: usage, summary and the options the command's own parser
    // declares. Every command parses before it does anything, so running it with --help is how
    // the help, the man page and the shell completion learn its options: a new command needs no
    // list of its own anywhere.
    QString help(CliContext &context);
    // True once run() stopped at --help (the help was printed: exit 0, not a usage error).
    bool helpShown() const { return m_helpShown; }

    // The "Options:" part of what QCommandLineParser would print for `parser`.
    static QString optionsHelp(const QCommandLineParser &parser);

protected:
    // Parses `args` with `parser` (options declared by the caller); prints the problem and
    // returns false on a usage error. Answers --help with help() and returns false.
    bool parse(CliContext &context, QCommandLineParser &parser, const QStringList &args,
               int minPositional, int maxPositional = -1);

private:
    bool m_helpShown = false;
    bool m_captureHelp = false; // help(): keep the text instead of printing it
    QString m_helpText;
};
