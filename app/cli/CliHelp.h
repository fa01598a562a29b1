#pragma once

#include <QString>
#include <memory>
#include <vector>

class CliCommand;
class QCommandLineParser;

// `fal-files-cli --help`: usage, the commands (from the command table), the global options (from
// the parser that reads them) and the sections a man page has: exit codes, environment, files.
// packaging/man/help2man.py turns exactly this text into fal-files-cli(1) at build time, so
// the manual cannot say something --help does not. Section titles end in ':' at the start of a
// line; entries are indented two spaces, their text aligned after two or more spaces.
class CliHelp
{
public:
    static QString text(const std::vector<std::unique_ptr<CliCommand>> &commands,
                        const QCommandLineParser &globalOptions);
};
