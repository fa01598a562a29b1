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

protected:
    // Parses `args` with `parser` (options declared by the caller); prints the problem and
    // returns false on a usage error.
    bool parse(CliContext &context, QCommandLineParser &parser, const QStringList &args,
               int minPositional, int maxPositional = -1);
};
