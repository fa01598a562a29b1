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
        // an entry naming another place, or a name listed twice, is left out and said. Kept
        // entries are compacted in place: a second list of a million would cost ~130 MB.
        QSet<QString> names;
        names.reserve(entries->size());
        qsizetype kept = 0;
        for (qsizetype i = 0; i < entries->size(); ++i) {
            FileSpec &spec = (*entries)[i];
            if (spec.path.parent() != folder) {
                result.skipped << QStringLiteral("the listing of %1 names %2, which is not in it")
                                      .arg(folder.absolute(), spec.path.absolute());
            } else if (names.contains(spec.name)) {
                result.skipped << QStringLiteral("'%1' is listed twice").arg(spec.name);
            } else {
                names.insert(spec.name);
                if (kept != i)
                    (*entries)[kept] = std::move(spec);
                ++kept;
            }
        }
        entries->resize(kept);
        result.entries = std::move(*entries);
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
    m_body = QByteArray();
    m_bodyBytes = 0;
    m_tooLarge = false;
    QNetworkReply *reply
        = client()->network()->get(client()->request(QStringLiteral("/files/list"), m_folder));
    // The body is taken as it arrives into one buffer reserved at the announced length: a
    // readAll() of a 160 MB answer at the end would stall the UI thread, and a buffer grown as
    // pieces arrive copies itself again and again.
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 != 2)
            return;
        const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        m_bodyBytes += reply->bytesAvailable();
        if (m_bodyBytes > kMaxListingBytes || announced > kMaxListingBytes) {
            // Refused before it costs the memory.
            m_tooLarge = true;
            m_body = QByteArray();
            reply->abort();
            return;
        }
        if (m_body.capacity() < announced)
            m_body.reserve(announced);
        readInto(reply);
    });
    return reply;
}

void ListJob::readInto(QNetworkReply *reply)
{
    // Straight into the body: read() into a new QByteArray and append() would copy it twice.
    const qsizetype had = m_body.size();
    m_body.resize(had + reply->bytesAvailable());
    const qint64 got = reply->read(m_body.data() + had, m_body.size() - had);
    m_body.truncate(had + std::max<qint64>(got, 0));
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
        m_body = QByteArray();
        fail(reviewError({}));
        return;
    }
    readInto(reply);
    watcher->setFuture(QtConcurrent::run(client()->workerPool(),
                                         [body = std::exchange(m_body, {}), folder = m_folder] {
                                             return parseListing(body, folder);
                                         }));
}
