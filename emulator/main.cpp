// fal-files-emulator: serves fal's /files REST API (and its Platform API v1 files routes) over a
// local directory.
// Prints "fal-files-emulator listening on http://HOST:PORT" once ready (and "key: ID:SECRET" when
// it made the key up), runs until SIGINT/SIGTERM, exits non-zero on a bad root or a busy port.

#include "emulator/EmulatorServer.h"

#include "FalVersion.h" // generated: FAL_FILES_VERSION

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringList>

#include <csignal>
#include <cstdio>
#include <pthread.h>

using namespace fal::emulator;

namespace {

int fail(const QString &message, int code = 1)
{
    std::fprintf(stderr, "fal-files-emulator: %s\n", qPrintable(message));
    return code;
}

} // namespace

int main(int argc, char **argv)
{
    // Block the stop signals in every thread (the server's threads inherit this mask) and wait
    // for them in main: a clean stop without async-signal-safety worries.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fal-files-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FAL_FILES_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Local emulator of fal's /data files API (REST and Platform API v1)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption root(QStringLiteral("root"),
                                  QStringLiteral("Directory standing in for /data."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Port (0 picks a free one)."), QStringLiteral("N"),
                                  QStringLiteral("0"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to listen on."),
                                  QStringLiteral("H"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption key(QStringLiteral("key"),
                                 QStringLiteral("Accepted key ID:SECRET (random if omitted)."),
                                 QStringLiteral("ID:SECRET"));
    const QCommandLineOption latency(QStringLiteral("latency-ms"),
                                     QStringLiteral("Added latency per request."),
                                     QStringLiteral("N"));
    const QCommandLineOption dropAfter(QStringLiteral("drop-after-bytes"),
                                       QStringLiteral("Drop connections after N body bytes."),
                                       QStringLiteral("N"));
    const QCommandLineOption dropLimit(
        QStringLiteral("drop-limit"),
        QStringLiteral("Stop dropping after N drops (0: never stop)."), QStringLiteral("N"));
    const QCommandLineOption errorRate(QStringLiteral("error-rate"),
                                       QStringLiteral("Share of requests answered 503 (or "
                                                      "--error-status)."),
                                       QStringLiteral("F"));
    const QCommandLineOption errorStatus(QStringLiteral("error-status"),
                                         QStringLiteral("Status of injected errors (500..599)."),
                                         QStringLiteral("N"));
    const QCommandLineOption errorDetail(QStringLiteral("error-detail"),
                                         QStringLiteral("The detail text of injected errors."),
                                         QStringLiteral("TEXT"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit-rate"),
                                       QStringLiteral("Share of requests answered 429."),
                                       QStringLiteral("F"));
    const QCommandLineOption retryAfter(QStringLiteral("retry-after"),
                                        QStringLiteral("Retry-After seconds on 429."),
                                        QStringLiteral("S"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed for the fault dice."), QStringLiteral("N"));
    const QCommandLineOption log(QStringLiteral("log"),
                                 QStringLiteral("Append the request log as JSON lines to FILE."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption expiry(QStringLiteral("expiry-days"),
                                    QStringLiteral("Days unfinished multipart uploads are kept."),
                                    QStringLiteral("N"), QStringLiteral("7"));
    parser.addOptions({root, port, host, key, latency, dropAfter, dropLimit, errorRate, errorStatus,
                       errorDetail, rateLimit, retryAfter, seed, log, expiry});
    parser.process(app);

    if (!parser.positionalArguments().isEmpty())
        return fail(
            QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().first()), 2);
    if (!parser.isSet(root))
        return fail(QStringLiteral("--root DIR is required"), 2);

    EmulatorOptions options;
    options.rootDir = parser.value(root);
    options.host = parser.value(host);
    options.key = parser.value(key);
    options.logFile = parser.value(log);

    bool ok = false;
    const uint portNumber = parser.value(port).toUInt(&ok);
    if (!ok || portNumber > 65535)
        return fail(QStringLiteral("--port must be 0..65535"), 2);
    options.port = quint16(portNumber);
    options.uploadExpiryDays = parser.value(expiry).toInt(&ok);
    if (!ok || options.uploadExpiryDays <= 0)
        return fail(QStringLiteral("--expiry-days must be a positive number"), 2);

    // Environment first, flags on top.
    QStringList envErrors;
    FaultOptions faults = FaultOptions::fromEnvironment(&envErrors);
    for (const QString &e : std::as_const(envErrors))
        return fail(e, 2);
    struct Number
    {
        const QCommandLineOption &option;
        std::function<bool(const QString &)> apply;
    };
    const QList<Number> numbers {
        {latency,
         [&](const QString &v) {
             faults.latencyMs = v.toInt(&ok);
             return ok;
         }},
        {dropAfter,
         [&](const QString &v) {
             faults.dropAfterBytes = v.toLongLong(&ok);
             return ok;
         }},
        {dropLimit,
         [&](const QString &v) {
             faults.dropLimit = v.toInt(&ok);
             return ok;
         }},
        {errorRate,
         [&](const QString &v) {
             faults.errorRate = v.toDouble(&ok);
             return ok;
         }},
        {errorStatus,
         [&](const QString &v) {
             faults.errorStatus = v.toInt(&ok);
             return ok;
         }},
        {errorDetail,
         [&](const QString &v) {
             faults.errorDetail = v;
             return true;
         }},
        {rateLimit,
         [&](const QString &v) {
             faults.rateLimitRate = v.toDouble(&ok);
             return ok;
         }},
        {retryAfter,
         [&](const QString &v) {
             faults.retryAfterSeconds = v.toInt(&ok);
             return ok;
         }},
        {seed,
         [&](const QString &v) {
             faults.seed = v.toULongLong(&ok);
             return ok;
         }},
    };
    for (const Number &n : numbers) {
        if (parser.isSet(n.option) && !n.apply(parser.value(n.option)))
            return fail(QStringLiteral("--%1: not a number: %2")
                            .arg(n.option.names().first(), parser.value(n.option)),
                        2);
    }
    QString error;
    if (!faults.isValid(&error))
        return fail(error, 2);
    options.faults = faults;

    EmulatorServer server(options);
    if (!server.start(&error))
        return fail(error);

    std::printf("fal-files-emulator listening on %s\n", qPrintable(server.baseUrl().toString()));
    if (options.key.isEmpty())
        std::printf("key: %s\n", qPrintable(server.key()));
    std::fflush(stdout);

    int signal = 0;
    sigwait(&stopSignals, &signal);
    std::fprintf(stderr, "fal-files-emulator: %s, stopping\n",
                 signal == SIGINT ? "SIGINT" : "SIGTERM");
    server.stop();
    return 0;
}
