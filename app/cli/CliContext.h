#pragma once

#include "network/api/ApiSurface.h"

#include "app/cli/ExitCode.h"
#include "network/account/ConnectionSettings.h"
#include "network/api/ApiError.h"
#include "network/api/FileSpec.h"
#include "network/api/RemotePath.h"

#include <QString>
#include <QTextStream>
#include <memory>
#include <optional>

class ApiJob;
class FilesClient;
class QNetworkAccessManager;

// What every fal-files-cli command shares: the options given before the command, the client,
// and the way to talk to the person at the terminal (or to the script that runs us).
class CliContext
{
public:
    struct GlobalOptions
    {
        QString endpoint;
        QString profile;
        QString key;
        QString keySource; // where `key` came from when not --key (--key-file)
        QString journal;
        QString api; // "rest", "platform" or empty: what the endpoint names
        bool verbose = false;
        qint64 retryForMs = 10 * 60 * 1000; // the client's OutageBudget; 0 = no retry
        qint64 uploadBytesPerSecond = 0; // --bwlimit; 0 = unlimited
        qint64 downloadBytesPerSecond = 0;
    };
    // "90", "90s", "10m", "2h", "1h30m" -> milliseconds; nullopt when it is not a duration.
    static std::optional<qint64> parseDuration(const QString &text);

    // --bwlimit: "10M", "500K", "1.5M", "2G", "800" (bytes), "off" or "0" for no limit, all
    // per second and in powers of 1024 as rclone's; "UP:DOWN" limits each direction on its
    // own ("10M:off"). False with the reason when it is not a rate.
    static bool parseBandwidth(const QString &text, qint64 *up, qint64 *down, QString *why);

    explicit CliContext(const GlobalOptions &options);
    ~CliContext();

    // Resolves the key and endpoint; prints why not and returns false when there is no key or
    // the endpoint is refused (connectFailure() then says which exit code that is).
    bool connect();
    int connectFailure() const { return m_connectFailure; }
    // False, with the reason printed, when the surface in use lacks `operation`: the command
    // then exits with ExitUsage (it can never work against this endpoint).
    bool require(ApiSurface::Operation operation);
    FilesClient *client() const { return m_client.get(); }
    const GlobalOptions &options() const { return m_options; }
    QString journalPath() const;

    // Runs a job to its end in a local event loop (a CLI has nothing else to do meanwhile).
    bool run(ApiJob *job);
    // "/data/x", "x", "x/" -> the remote path; prints the reason and returns nullopt when invalid.
    std::optional<RemotePath> remoteArgument(const QString &text);
    // The FileSpec of `path`: one POST /files/file/exists request (checksums only when asked),
    // run to its end. The root is answered without a request (a folder named "data", no times,
    // size 0). On failure: nullopt, and the error in `error` when given; nothing is printed, the
    // caller says what failed (and reads Kind::NotFound as "no such file or folder").
    std::optional<FileSpec> stat(const RemotePath &path, ApiError *error = nullptr,
                                 bool withChecksum = false);

    QTextStream &out() { return m_out; }
    // "fal-files-cli: message" on stderr, control characters escaped (VisibleText): messages
    // carry the server's words and remote names. One line; call it again for another.
    void error(const QString &message);
    int fail(const ApiError &error, const QString &what); // prints and maps to an exit code
    static bool stdoutIsTerminal();
    static bool stderrIsTerminal();
    static bool stdinIsTerminal();

private:
    GlobalOptions m_options;
    std::unique_ptr<FilesClient> m_client;
    QTextStream m_out;
    QTextStream m_err;
    int m_connectFailure = ExitAuth;
};
