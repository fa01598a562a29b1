#include "app/cli/CliHelp.h"

#include "app/cli/CliCommand.h"

QString CliHelp::text(const std::vector<std::unique_ptr<CliCommand>> &commands,
                      const QCommandLineParser &globalOptions)
{
    QString text = QStringLiteral("usage: fal-files-cli [--endpoint URL] [--api rest|platform] "
                                  "[--profile NAME] [--key-file PATH|-] [--retry-for DURATION]\n"
                                  "                     [--bwlimit RATE] COMMAND [ARGS]\n\n"
                                  "Files and folders in fal's persistent /data storage. Remote "
                                  "paths may be written /data/x or x.\n\n"
                                  "Commands:\n");
    for (const auto &command : commands)
        text += QStringLiteral("  %1\n      %2\n").arg(command->synopsis(), command->summary());
    text += QStringLiteral("\n'fal-files-cli COMMAND --help' shows the options of a command.\n\n");
    text += CliCommand::optionsHelp(globalOptions);
    text += QStringLiteral(
        "\nThe key comes from --key-file (- reads standard input), FAL_KEY, the active profile of\n"
        "~/.fal/config.toml, or FAL_KEY_ID and FAL_KEY_SECRET. --key ID:SECRET works too, but any\n"
        "user of this computer can read a command line.\n"
        "While the service is unreachable or failing, transfers wait and retry for --retry-for\n"
        "(10m), then stop with exit code 6 and the service's last reason.\n"
        "--bwlimit caps the bytes per second of all transfers together: 10M, 500K, 1.5M (powers\n"
        "of 1024, as rclone's), or UP:DOWN for each direction (10M:off).\n"
        "fal's Platform API v1 (--api platform, or an endpoint ending in /v1) lists, downloads,\n"
        "uploads (one request per file, not resumable) and imports from URLs; mv, rm and\n"
        "--checksum need the REST API and exit with 2 there.\n"
        "\nExit codes:\n"
        "  0    ok\n"
        "  1    failed: something did not complete (details on stderr)\n"
        "  2    usage: the command line is wrong\n"
        "  3    no key, or the key was refused\n"
        "  4    not found: a remote or local path does not exist\n"
        "  5    exists: the target exists and no --on-conflict answer was given\n"
        "  6    network: the service could not be reached or kept failing\n"
        "  7    local file: a local file could not be read or written\n"
        "  8    checksum mismatch: bytes did not match their checksum\n"
        "  130  interrupted (run the command again to resume)\n"
        "\nEnvironment:\n"
        "  FAL_KEY          the API key, ID:SECRET\n"
        "  FAL_KEY_ID       the key's ID, with FAL_KEY_SECRET (when FAL_KEY is not set)\n"
        "  FAL_KEY_SECRET   the key's secret\n"
        "  FAL_PROFILE      the profile of fal's config to use (as --profile)\n"
        "  FAL_CONFIG_PATH  fal's config file, instead of ~/.fal/config.toml\n"
        "  FAL_REST_HOST    the REST endpoint's host (as fal's own tools read it)\n"
        "  FAL_HOST         fal's API host, from which the REST endpoint is derived\n"
        "  XDG_DATA_HOME    where the transfer journal is kept (default ~/.local/share)\n"
        "  XDG_CACHE_HOME   where shell completion caches remote listings (default ~/.cache)\n"
        "\nFiles:\n"
        "  ~/.fal/config.toml\n"
        "      fal's profiles and keys, shared with fal's own CLI\n"
        "  ~/.local/share/fal-files/fal-files/transfers.sqlite\n"
        "      the transfer journal (what is under way; --journal picks another file)\n"
        "  ~/.cache/fal-files/completion/\n"
        "      remote folder listings kept for a few seconds by shell completion\n");
    return text;
}
