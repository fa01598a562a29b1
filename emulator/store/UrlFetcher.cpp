#include "emulator/store/UrlFetcher.h"

#include <QFile>
#include <QUrl>

#include <httplib.h>

namespace fal::emulator {

UrlFetcher::Result UrlFetcher::fetch(const QString &url, const QString &destinationFile,
                                     const std::atomic<bool> *stopping)
{
    Result result;
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || parsed.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        result.error = QStringLiteral("Only http and https URLs can be fetched");
        return result;
    }
    QString hostPort = parsed.host();
    if (hostPort.contains(QLatin1Char(':')))
        hostPort = QLatin1Char('[') + hostPort + QLatin1Char(']');
    if (parsed.port() > 0)
        hostPort += QLatin1Char(':') + QString::number(parsed.port());
    QByteArray pathAndQuery = parsed.path(QUrl::FullyEncoded).toUtf8();
    if (pathAndQuery.isEmpty())
        pathAndQuery = "/";
    if (parsed.hasQuery())
        pathAndQuery += '?' + parsed.query(QUrl::FullyEncoded).toUtf8();

    QFile out(destinationFile);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        result.error = QStringLiteral("cannot create a temporary file: %1").arg(out.errorString());
        return result;
    }

    const QString base = scheme + QStringLiteral("://") + hostPort;
    httplib::Client client(base.toStdString());
    client.set_follow_location(true);
    client.set_connection_timeout(15);
    client.set_read_timeout(120);
    client.set_keep_alive(false);

    int status = 0;
    bool writeFailed = false;
    const httplib::Result response = client.Get(
        pathAndQuery.toStdString(), httplib::Headers {},
        [&](const httplib::Response &r) {
            status = r.status;
            return r.status >= 200 && r.status < 300;
        },
        [&](const char *data, size_t length) {
            if (stopping && stopping->load())
                return false;
            if (out.write(data, qint64(length)) != qint64(length)) {
                writeFailed = true;
                return false;
            }
            result.bytes += qint64(length);
            return true;
        });
    out.close();
    if (writeFailed) {
        result.error = QStringLiteral("cannot store the fetched file: %1").arg(out.errorString());
    } else if (status != 0 && (status < 200 || status >= 300)) {
        // One arg() call: a chained .arg(status) would also replace "%1a" or "%01" in the URL.
        result.error
            = QStringLiteral("Fetching %1 failed: HTTP %2").arg(url, QString::number(status));
    } else if (!response) {
        result.error = QStringLiteral("Fetching %1 failed: %2")
                           .arg(url, QString::fromStdString(httplib::to_string(response.error())));
    } else {
        result.ok = true;
    }
    return result;
}

} // namespace fal::emulator
