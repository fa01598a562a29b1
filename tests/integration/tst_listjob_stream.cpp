// (No raw string literals here: Qt 6.4's moc loses track of the class after one.)
// ListJob parses a listing while it arrives (network/api/ListJob.h): these answers come from
// loopback servers a few bytes at a time, cut in an entry, with garbage after the array, faster
// than they are parsed, broken off and retried; and a job goes away while its parse waits.

#include "network/api/FileSpecListParser.h"
#include "network/api/FilesClient.h"
#include "network/api/ListJob.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/HostileListing.h"
#include "tests/support/ScriptedHttpServer.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

namespace {

// Answers every request with `response`, written 1 to 7 bytes at a time, each part flushed and
// the next written from the event loop.
class TricklingServer : public QTcpServer
{
public:
    explicit TricklingServer(QByteArray response) : m_response(std::move(response))
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_requests[socket] += socket->readAll();
                    if (m_requests[socket].contains("\r\n\r\n") && !m_started.contains(socket)) {
                        m_started.insert(socket);
                        trickle(socket, 0);
                    }
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort())); }
    int parts() const { return m_parts; }

private:
    void trickle(QTcpSocket *socket, qsizetype at)
    {
        if (at >= m_response.size()) {
            socket->disconnectFromHost();
            return;
        }
        const qsizetype part = qMin<qsizetype>(1 + m_parts % 7, m_response.size() - at);
        ++m_parts;
        socket->write(m_response.constData() + at, part);
        socket->flush();
        QTimer::singleShot(0, socket, [this, socket, next = at + part] { trickle(socket, next); });
    }

    QByteArray m_response;
    QHash<QTcpSocket *, QByteArray> m_requests;
    QSet<QTcpSocket *> m_started;
    int m_parts = 0;
};

QByteArray entry(int i, const QByteArray &name = {})
{
    return hostileListingEntry(i, name);
}

QByteArray listing(int count)
{
    QByteArray json = "[";
    for (int i = 0; i < count; ++i)
        json += (i ? "," : "")
            + entry(i, i % 10 == 3 ? QByteArray("n]}" + QByteArray::number(i)) : QByteArray());
    return json + "]";
}

std::unique_ptr<FilesClient> clientFor(const QUrl &url)
{
    auto client = std::make_unique<FilesClient>();
    client->setEndpoint(url);
    client->setCredentials(*Credentials::fromKey(QStringLiteral("id:secret"), QStringLiteral("t")));
    RetryPolicy fast;
    fast.baseDelayMs = 20;
    fast.maxDelayMs = 200;
    fast.maxAttempts = 4;
    client->setRetryPolicy(fast);
    return client;
}

RemotePath folder()
{
    return *RemotePath::parse(QStringLiteral("d"));
}

QByteArray ok(const QByteArray &body)
{
    return ScriptedHttpServer::response(200, "OK", body);
}

// What FileSpecListParser says of the whole answer, the sentence a failed ListJob must give.
QString wholeError(const QByteArray &json)
{
    QString error;
    if (FileSpecListParser::parse(json, &error))
        return QString();
    return error;
}

} // namespace

class TestListJobStream : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aListingArrivingAFewBytesAtATime()
    {
        TricklingServer server(ok(listing(150)));
        auto client = clientFor(server.url());
        ListJob job(client.get(), folder());
        QVERIFY2(ClientFixture::run(&job), qPrintable(job.error().message()));
        QVERIFY(server.parts() > 1000);
        QCOMPARE(job.entries().size(), 150);
        for (int i = 0; i < 150; ++i) {
            const FileSpec &spec = job.entries().at(i);
            QCOMPARE(spec.size, i);
            QCOMPARE(spec.name,
                     i % 10 == 3 ? QStringLiteral("n]}%1").arg(i) : QStringLiteral("f%1").arg(i));
        }
        QVERIFY(job.skipped().isEmpty());
    }

    void refusedAsTheWholeAnswerWouldBe_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray json = listing(40);
        QTest::newRow("cut in an entry") << json.left(json.size() / 2);
        QTest::newRow("garbage after the array") << json + " x";
        QTest::newRow("an empty element") << json.left(json.size() - 1) + ",]";
        QTest::newRow("not an array") << QByteArray("{\"path\":\"/data/d/a\"}");
        QTest::newRow("numbers after entries") << json.left(json.size() - 1) + ",1]";
        QTest::newRow("a huge number")
            << "[" + entry(1) + ",{\"path\":\"/data/d/b\",\"size\":1e400}]";
    }
    void refusedAsTheWholeAnswerWouldBe()
    {
        QFETCH(QByteArray, body);
        const QString expected = wholeError(body);
        QVERIFY(!expected.isEmpty());
        TricklingServer server(ok(body));
        auto client = clientFor(server.url());
        ListJob job(client.get(), folder());
        QVERIFY(!ClientFixture::run(&job));
        QCOMPARE(job.error().kind, ApiError::Kind::Protocol);
        QCOMPARE(job.error().detail, expected);
        QCOMPARE(job.attempts(), 1);
    }

    // ~6 MiB at once: more than the chunks the job lets wait for the worker, so it stops reading
    // and takes more as they are parsed.
    void aListingFasterThanItsParse()
    {
        const int count = 60'000;
        ScriptedHttpServer server([count](const ScriptedHttpServer::Request &) {
            return std::optional<QByteArray>(ok(listing(count)));
        });
        auto client = clientFor(server.url());
        ListJob job(client.get(), folder());
        QVERIFY2(ClientFixture::run(&job), qPrintable(job.error().message()));
        QCOMPARE(job.entries().size(), count);
        QCOMPARE(job.entries().last().size, count - 1);
    }

    // The first answer breaks off after 2 MiB (chunks of it already parsed); the retry's parse
    // starts afresh: every entry once.
    void aRetriedListingIsParsedAfresh()
    {
        const int count = 30'000;
        const QByteArray body = listing(count);
        int asked = 0;
        ScriptedHttpServer server([&](const ScriptedHttpServer::Request &) {
            ++asked;
            const QByteArray whole = ok(body);
            return std::optional<QByteArray>(asked == 1 ? whole.left(2 * 1024 * 1024) : whole);
        });
        auto client = clientFor(server.url());
        ListJob job(client.get(), folder());
        QVERIFY2(ClientFixture::run(&job), qPrintable(job.error().message()));
        QCOMPARE(job.attempts(), 2);
        QCOMPARE(job.entries().size(), count);
        QVERIFY(job.skipped().isEmpty()); // no name twice
    }

    // A job destroyed while its chunks wait for the pool: the parse runs later on its own and
    // tells nobody.
    void aJobDestroyedBeforeItsParse()
    {
        ScriptedHttpServer server([](const ScriptedHttpServer::Request &) {
            return std::optional<QByteArray>(ok(listing(3000)));
        });
        auto client = clientFor(server.url());
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore release;
        pool.start([&release] { release.acquire(); }); // the pool's one thread is busy
        client->setWorkerPool(&pool);
        auto *job = new ListJob(client.get(), folder());
        job->setAutoDelete(false);
        QSignalSpy finished(job, &ApiJob::finished);
        job->start();
        QVERIFY(!finished.wait(500)); // the answer is in, its parse waits for the pool
        delete job;
        release.release();
        pool.waitForDone();
        QCoreApplication::sendPostedEvents(); // a call posted to the job went with it
        QCOMPARE(server.requests(), 1);
    }
};

QTEST_GUILESS_MAIN(TestListJobStream)
#include "tst_listjob_stream.moc"
