#include "network/api/ListJob.h"

#include "network/api/ApiLog.h"
#include "network/api/FileSpecListParser.h"
#include "network/api/FilesClient.h"
#include "network/text/VisibleText.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QtConcurrent>

namespace {

struct ParseResult
{
    QList<FileSpec> entries;
    QStringList skipped;
    QString error;
    qint64 micros = 0;
};

ParseResult parseListing(const QByteArray &body, const RemotePath &folder)
{
    QElapsedTimer timer;
    timer.start();
    ParseResult result;
    auto entries = FileSpec::parseList(body, &result.error, &result.skipped);
    if (entries) {
        // Every listed path must sit in the folder asked for (fal's SDK checks the same), once:
        // an entry naming another place, or a name listed twice, is left out and said.
        QSet<QString> names;
        result.entries.reserve(entries->size());
        for (FileSpec &spec : *entries) {
            if (spec.path.parent() != folder)
                result.skipped << QStringLiteral("the listing of %1 names %2, which is not in it")
                                      .arg(folder.absolute(), spec.path.absolute());
            else if (names.contains(spec.name))
                result.skipped << QStringLiteral("'%1' is listed twice").arg(spec.name);
            else {
                names.insert(spec.name);
                result.entries.append(std::move(spec));
            }
        }
    }
    result.micros = timer.nsecsElapsed() / 1000;
    return result;
}

} // namespace

ListJob::ListJob(FilesClient *client, const RemotePath &folder, QObject *parent)
    : ApiJob(client, parent), m_folder(folder)
{
}

QNetworkReply *ListJob::sendAttempt()
{
    m_body.clear();
    m_bodyBytes = 0;
    m_tooLarge = false;
    QNetworkReply *reply
        = client()->network()->get(client()->request(QStringLiteral("/files/list"), m_folder));
    // The body is taken as it arrives and joined on the worker: one readAll() of a 15 MB answer
    // at the end stalls the UI thread for ~85 ms (a growing copy out of the reply's buffer).
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 != 2)
            return;
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        m_bodyBytes += reply->bytesAvailable();
        if (m_bodyBytes > kMaxListingBytes || announced > kMaxListingBytes) {
            // Refused before it costs the memory: a listing this large is a broken or hostile
            // server (or a folder this client cannot show yet).
            m_tooLarge = true;
            m_body.clear();
            reply->abort();
            return;
        }
        m_body.append(reply->read(reply->bytesAvailable()));
    });
    return reply;
}

ApiError ListJob::reviewError(const ApiError &error)
{
    if (!m_tooLarge)
        return error;
    return ApiError::make(ApiError::Kind::Protocol,
                          QStringLiteral("the listing of %1 is larger than %2 MiB; it was refused")
                              .arg(m_folder.absolute(), QString::number(kMaxListingBytes >> 20)));
}

void ListJob::handleSuccess(QNetworkReply *reply)
{
    auto *watcher = new QFutureWatcher<ParseResult>(this);
    connect(watcher, &QFutureWatcher<ParseResult>::finished, this, [this, watcher] {
        ParseResult result = watcher->result();
        watcher->deleteLater();
        m_parseMicros = result.micros;
        if (!result.error.isEmpty()) {
            fail(ApiError::make(ApiError::Kind::Protocol, result.error));
            return;
        }
        m_entries = std::move(result.entries);
        m_skipped = std::move(result.skipped);
        for (const QString &why : std::as_const(m_skipped))
            qCWarning(lcNetwork).noquote()
                << "left out of the listing:" << VisibleText::escaped(why);
        succeed();
    });
    m_bodyBytes += reply->bytesAvailable();
    if (m_bodyBytes > kMaxListingBytes) {
        m_tooLarge = true;
        watcher->deleteLater();
        m_body.clear();
        fail(reviewError({}));
        return;
    }
    m_body.append(reply->read(reply->bytesAvailable()));
    watcher->setFuture(QtConcurrent::run(
        client()->workerPool(), [pieces = std::exchange(m_body, {}), folder = m_folder]() mutable {
            qsizetype size = 0;
            for (const QByteArray &piece : pieces)
                size += piece.size();
            // Room for simdjson's padding: parsed in place,
            // no second copy of 16 MB.
            QByteArray body;
            body.reserve(size + FileSpecListParser::kPadding);
            for (const QByteArray &piece : pieces)
                body.append(piece);
            pieces.clear(); // not two copies while parsing
            FileSpecListParser::addPadding(body);
            return parseListing(body, folder);
        }));
}
