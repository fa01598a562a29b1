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
    : ApiJob(client, parent)
    , m_folder(folder)
{
}

QNetworkReply *ListJob::sendAttempt()
{
    return client()->network()->get(client()->request(QStringLiteral("/files/list"), m_folder));
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
    watcher->setFuture(QtConcurrent::run(parseListing, reply->readAll(), m_folder));
}
