#include "ListJob.h"

#include "FilesClient.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtConcurrent>

namespace {

struct ParseResult
{
    QList<FileSpec> entries;
    QString error;
    qint64 micros = 0;
};

ParseResult parseListing(const QByteArray &body, const RemotePath &folder)
{
    QElapsedTimer timer;
    timer.start();
    ParseResult result;
    auto entries = FileSpec::parseList(body, &result.error);
    if (entries) {
        // fal's own SDK checks that every listed path sits in the folder it asked for; a listing
        // that names other places is not trusted at all.
        for (const FileSpec &spec : *entries) {
            if (spec.path.parent() != folder) {
                result.error = QStringLiteral("the listing of %1 names %2, which is not in it")
                                   .arg(folder.absolute(), spec.path.absolute());
                entries.reset();
                break;
            }
        }
    }
    if (entries)
        result.entries = std::move(*entries);
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
    QNetworkReply *reply
        = client()->network()->get(client()->request(QStringLiteral("/files/list"), m_folder));
    // The body is taken as it arrives and joined on the worker: one readAll() of a 15 MB answer
    // at the end stalls the UI thread for ~85 ms (a growing copy out of the reply's buffer).
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 == 2)
            m_body.append(reply->read(reply->bytesAvailable()));
    });
    return reply;
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
        succeed();
    });
    m_body.append(reply->read(reply->bytesAvailable()));
    watcher->setFuture(QtConcurrent::run(client()->workerPool(),
                                         [pieces = std::exchange(m_body, {}), folder = m_folder] {
                                             qsizetype size = 0;
                                             for (const QByteArray &piece : pieces)
                                                 size += piece.size();
                                             QByteArray body;
                                             body.reserve(size);
                                             for (const QByteArray &piece : pieces)
                                                 body.append(piece);
                                             return parseListing(body, folder);
                                         }));
}
