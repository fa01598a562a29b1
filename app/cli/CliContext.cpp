#include "app/cli/CliContext.h"

#include "app/cli/ExitCode.h"
#include "network/api/FilesClient.h"
#include "network/api/StatJob.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferJournal.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>

#include <cmath>

#include <cstdio>
#include <unistd.h>

CliContext::CliContext(const GlobalOptions &options)
    : m_options(options), m_out(stdout), m_err(stderr)
{
}

CliContext::~CliContext() = default;

bool CliContext::stdoutIsTerminal()
{
    return ::isatty(STDOUT_FILENO) == 1;
}
bool CliContext::stderrIsTerminal()
{
    return ::isatty(STDERR_FILENO) == 1;
}
bool CliContext::stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

void CliContext::error(const QString &message)
{
    m_out.flush();
    m_err << "fal-files-cli: " << VisibleText::escaped(message) << Qt::endl;
}

int CliContext::fail(const ApiError &apiError, const QString &what)
{
    error(what.isEmpty() ? apiError.message() : what + QStringLiteral(": ") + apiError.message());
    return exitCodeFor(apiError);
}

QString CliContext::journalPath() const
{
    if (!m_options.journal.isEmpty())
        return m_options.journal;
    return TransferJournal::defaultPath();
}

bool CliContext::connect()
{
    ConnectionSettings::Request request;
    request.explicitKey = m_options.key;
    request.explicitKeySource = m_options.keySource;
    request.explicitEndpoint = m_options.endpoint;
    request.profile = m_options.profile;
    const ConnectionSettings settings = ConnectionSettings::resolve(request);
    for (const QString &problem : settings.problems)
        error(QStringLiteral("warning: %1").arg(problem));
    if (!settings.endpointError.isEmpty() || !settings.endpoint.isValid()) {
        // Never another endpoint instead: the key would go where nobody asked it to.
        error(settings.endpointError.isEmpty() ? QStringLiteral("no usable endpoint")
                                               : settings.endpointError);
        m_connectFailure = ExitUsage;
        return false;
    }
    if (!settings.credentials.isValid()) {
        error(QStringLiteral("no fal API key found. Set FAL_KEY=key_id:key_secret, run `fal auth "
                             "login`, or pass --key-file."));
        m_connectFailure = ExitAuth;
        return false;
    }
    m_client = std::make_unique<FilesClient>();
    QUrl endpoint = settings.endpoint;
    ApiSurface surface = ApiSurface::forEndpoint(endpoint);
    if (!m_options.api.isEmpty()) {
        if (!ApiSurface::fromName(m_options.api, &surface)) {
            error(QStringLiteral("--api takes rest or platform, not '%1'").arg(m_options.api));
            m_connectFailure = ExitUsage;
            return false;
        }
        // "--api platform" alone means fal's documented Platform endpoint.
        if (surface.isPlatform() && settings.endpointSource == QLatin1String("the default"))
            endpoint = ApiSurface::platformDefaultEndpoint();
    }
    QString why;
    if (!m_client->setEndpoint(endpoint, &why)) {
        error(why);
        return false;
    }
    m_client->setSurface(surface);
    m_client->setCredentials(settings.credentials);
    m_client->outage().setLimitMs(m_options.retryForMs);
    m_client->setBandwidthLimits(m_options.uploadBytesPerSecond, m_options.downloadBytesPerSecond);
    if (m_options.verbose)
        error(QStringLiteral("using key %1 from %2; endpoint %3 (%4), %5")
                  .arg(settings.credentials.redacted(), settings.credentials.source(),
                       endpoint.toString(), settings.endpointSource, surface.name()));
    return true;
}

bool CliContext::require(ApiSurface::Operation operation)
{
    if (m_client && m_client->surface().supports(operation))
        return true;
    error(m_client ? m_client->surface().whyNot(operation)
                   : QStringLiteral("not connected")); // connect() first
    return false;
}

std::optional<qint64> CliContext::parseDuration(const QString &text)
{
    static const QRegularExpression form(QStringLiteral("^(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s?)?$"));
    const QString trimmed = text.trimmed();
    const auto match = form.match(trimmed);
    if (trimmed.isEmpty() || !match.hasMatch())
        return std::nullopt;
    const qint64 hours = match.captured(1).toLongLong();
    const qint64 minutes = match.captured(2).toLongLong();
    const qint64 seconds = match.captured(3).toLongLong();
    if (hours > 24 * 365 || minutes > 60 * 24 * 365 || seconds > 3600LL * 24 * 365)
        return std::nullopt;
    return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

namespace {
std::optional<qint64> parseRate(const QString &text)
{
    static const QRegularExpression form(
        QStringLiteral("^(\\d+(?:\\.\\d+)?)\\s*([bkmg]?)(?:i?b)?$"),
        QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QLatin1String("off"), Qt::CaseInsensitive) == 0)
        return 0;
    const auto match = form.match(trimmed);
    if (!match.hasMatch())
        return std::nullopt;
    const double number = match.captured(1).toDouble();
    const int power = QStringLiteral("bkmg").indexOf(match.captured(2).toLower());
    const double bytes = number * std::pow(1024.0, qMax(0, power));
    if (bytes > 1e15)
        return std::nullopt;
    return qint64(std::llround(bytes));
}
} // namespace

bool CliContext::parseBandwidth(const QString &text, qint64 *up, qint64 *down, QString *why)
{
    const QStringList sides = text.split(QLatin1Char(':'));
    if (sides.size() > 2) {
        *why = QStringLiteral("give one rate, or UP:DOWN");
        return false;
    }
    qint64 rates[2] = {0, 0};
    for (int i = 0; i < sides.size(); ++i) {
        const auto rate = parseRate(sides.at(i));
        if (!rate) {
            *why = QStringLiteral("'%1' is not a rate such as 10M, 500K or 1.5M").arg(sides.at(i));
            return false;
        }
        // Less than 1 KiB/s would leave requests silent for longer than the server waits.
        if (*rate > 0 && *rate < 1024) {
            *why = QStringLiteral("%1 is below the smallest limit, 1K (1 KiB/s)").arg(sides.at(i));
            return false;
        }
        rates[i] = *rate;
    }
    *up = rates[0];
    *down = sides.size() == 2 ? rates[1] : rates[0];
    return true;
}

bool CliContext::run(ApiJob *job)
{
    job->setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(job, &ApiJob::finished, &loop, &QEventLoop::quit);
    job->start();
    loop.exec();
    return job->succeeded();
}

std::optional<RemotePath> CliContext::remoteArgument(const QString &text)
{
    QString why;
    auto path = RemotePath::parse(text, &why);
    if (!path)
        error(QStringLiteral("%1: %2").arg(text, why));
    return path;
}

std::optional<FileSpec> CliContext::stat(const RemotePath &path, ApiError *errorOut,
                                         bool withChecksum)
{
    if (path.isRoot())
        return FileSpec::folder(path);
    StatJob job(m_client.get(), path, withChecksum);
    if (run(&job))
        return job.spec();
    if (errorOut)
        *errorOut = job.error();
    return std::nullopt;
}
