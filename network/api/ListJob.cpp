#include "network/api/ListJob.h"

#include "network/api/ApiLog.h"
#include "network/api/FileSpecListStream.h"
#include "network/api/FilesClient.h"
#include "network/text/VisibleText.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QThreadPool>

namespace {

struct ParseResult
{
    QList<FileSpec> entries;
    QStringList skipped;
    QString error;
    qint64 micros = 0;
};

} // namespace

// One attempt's parse, on a worker thread of the client's pool. Why there and not where the
// bytes arrive: on the UI thread a piece of 1 MiB costs a few milliseconds of parsing, and a
// listing of a million entries would stall the window for a second in all; the CLI loses little
// (its main thread reads the socket meanwhile), and one way for both keeps one way to test.
//
// The chunks wait in `queue`; one task at a time takes them in order (`running`), so the stream
// needs no lock. The job is told after each chunk through a queued call, under `mutex`: the job
// lets go (detach()) under the same mutex before it is destroyed, and a call already posted to it
// is dropped with it by Qt. QFuture::then() chains were tried first: Qt 6.4 crashed in them
// (QFutureInterfaceBase::reportStarted) about once in 20 runs.
struct ListJob::Feed
{
    QMutex mutex;
    ListJob *job; // told after each chunk; null once it let go
    QList<QByteArray> queue;
    bool running = false; // a task is taking from the queue
    bool last = false; // the last chunk is queued: the task then finishes the parse
    bool done = false; // `result` is there
    int parsed = 0; // chunks parsed
    ParseResult result;
    qint64 expectedBytes = 0; // the announced length
    // Only the running task touches these:
    std::optional<FileSpecListStream> stream;
    RemotePath folder;
    qint64 micros = 0;

    Feed(ListJob *owner, const RemotePath &folderAsked) : job(owner), folder(folderAsked) { }

    void detach()
    {
        QMutexLocker lock(&mutex);
        job = nullptr;
        queue.clear();
        last = false;
    }

    // Queues a chunk; true when a task must be started for it.
    bool post(QByteArray chunk, bool isLast, qint64 announcedBytes)
    {
        QMutexLocker lock(&mutex);
        expectedBytes = announcedBytes;
        if (!chunk.isEmpty())
            queue.append(std::move(chunk));
        last = last || isLast;
        return !std::exchange(running, true);
    }

    void run()
    {
        QMutexLocker lock(&mutex);
        while (!queue.isEmpty() || (last && !done)) {
            if (queue.isEmpty()) {
                lock.unlock();
                ParseResult finished = finish();
                lock.relock();
                result = std::move(finished);
                done = true;
            } else {
                const QByteArray chunk = queue.takeFirst();
                const qint64 expected = expectedBytes;
                lock.unlock();
                append(chunk, expected);
                lock.relock();
                ++parsed;
            }
            if (job)
                QMetaObject::invokeMethod(
                    job, [owner = job] { owner->onParsed(); }, Qt::QueuedConnection);
        }
        running = false;
    }

    void append(const QByteArray &chunk, qint64 expected)
    {
        QElapsedTimer timer;
        timer.start();
        if (!stream)
            stream.emplace(expected);
        stream->append(chunk);
        micros += timer.nsecsElapsed() / 1000;
    }

    ParseResult finish()
    {
        QElapsedTimer timer;
        timer.start();
        ParseResult result;
        if (!stream)
            stream.emplace();
        auto entries = stream->finish(&result.error, &result.skipped);
        stream.reset();
        if (entries) {
            // Every listed path must sit in the folder asked for (fal's SDK checks the same),
            // once: an entry naming another place, or a name listed twice, is left out and said.
            // Kept entries are compacted in place: a second list of a million would cost ~130 MB.
            QSet<QString> names;
            names.reserve(entries->size());
            qsizetype kept = 0;
            for (qsizetype i = 0; i < entries->size(); ++i) {
                FileSpec &spec = (*entries)[i];
                if (spec.path.parent() != folder) {
                    result.skipped
                        << QStringLiteral("the listing of %1 names %2, which is not in it")
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
        result.micros = micros + timer.nsecsElapsed() / 1000;
        return result;
    }
};

ListJob::ListJob(FilesClient *client, const RemotePath &folder, QObject *parent)
    : ApiJob(client, parent), m_folder(folder)
{
}

ListJob::~ListJob()
{
    dropFeed();
}

void ListJob::dropFeed()
{
    if (m_feed)
        m_feed->detach();
    m_feed.reset();
}

void ListJob::cleanup()
{
    dropFeed();
}

QNetworkReply *ListJob::sendAttempt()
{
    dropFeed(); // an attempt given up
    m_feed = std::make_shared<Feed>(this, m_folder);
    m_chunk = QByteArray();
    m_handedOver = 0;
    m_bodyBytes = 0;
    m_announced = 0;
    m_tooLarge = false;
    QNetworkReply *reply
        = client()->network()->get(client()->request(QStringLiteral("/files/list"), m_folder));
    reply->setReadBufferSize(kChunkBytes * kChunksInFlight);
    // The body is taken as it arrives and handed to the worker a chunk at a time: a readAll() of
    // a 160 MB answer at the end would stall the UI thread, and the whole answer would be held
    // beside its entries.
    connect(reply, &QNetworkReply::readyRead, this, [this, reply] {
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() / 100 != 2)
            return;
        take(reply, false);
    });
    return reply;
}

bool ListJob::take(QNetworkReply *reply, bool all)
{
    if (!m_feed)
        return false;
    const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    if (m_bodyBytes + reply->bytesAvailable() > kMaxListingBytes || announced > kMaxListingBytes) {
        // Refused before it costs the memory.
        m_tooLarge = true;
        m_chunk = QByteArray();
        dropFeed();
        reply->abort();
        return false;
    }
    m_announced = announced;
    int inFlight = 0;
    {
        QMutexLocker lock(&m_feed->mutex);
        inFlight = m_handedOver - m_feed->parsed;
    }
    // Straight into the chunk: read() into a new QByteArray and append() would copy it twice.
    while (reply->bytesAvailable() > 0 && (all || inFlight < kChunksInFlight)) {
        if (m_chunk.capacity() < kChunkBytes)
            m_chunk.reserve(kChunkBytes);
        const qsizetype had = m_chunk.size();
        m_chunk.resize(had + qMin<qint64>(reply->bytesAvailable(), kChunkBytes - had));
        const qint64 got = reply->read(m_chunk.data() + had, m_chunk.size() - had);
        m_chunk.truncate(had + std::max<qint64>(got, 0));
        m_bodyBytes += std::max<qint64>(got, 0);
        if (got <= 0)
            break;
        if (m_chunk.size() >= kChunkBytes) {
            handOver(false);
            ++inFlight;
        }
    }
    if (all)
        handOver(true);
    return true;
}

void ListJob::handOver(bool last)
{
    if (!m_chunk.isEmpty())
        ++m_handedOver;
    if (m_feed->post(std::exchange(m_chunk, {}), last, m_announced))
        client()->workerPool()->start([feed = m_feed] { feed->run(); });
}

void ListJob::onParsed()
{
    if (!m_feed)
        return;
    bool done = false;
    {
        QMutexLocker lock(&m_feed->mutex);
        done = m_feed->done;
    }
    if (!done) {
        if (QNetworkReply *reply = currentReply())
            take(reply, false); // room for more
        return;
    }
    ParseResult result = std::move(m_feed->result);
    dropFeed();
    m_parseMicros = result.micros;
    if (!result.error.isEmpty()) {
        fail(ApiError::make(ApiError::Kind::Protocol, result.error));
        return;
    }
    m_entries = std::move(result.entries);
    m_skipped = std::move(result.skipped);
    for (const QString &why : std::as_const(m_skipped))
        qCWarning(lcNetwork).noquote() << "left out of the listing:" << VisibleText::escaped(why);
    succeed();
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
    if (!take(reply, true))
        fail(reviewError({}));
    // onParsed() ends the job once the worker has read the last chunk.
}
