// Nothing stuck: the engine waits for a service that is down and goes on by itself when it is
// back; a retry budget (the CLI's --retry-for) ends the wait with the service's own reason; a
// server that accepts and says nothing, or cuts every download short, cannot keep a transfer
// (or a request) busy forever. Against the emulator (taken down and brought back on the same
// port) and scripted servers on 127.0.0.1.
#include "network/api/DownloadJob.h"
#include "network/api/SimpleUploadJob.h"
#include "network/api/StatJob.h"
#include "network/transfer/TransferEngine.h"
#include "network/transfer/TransferJournal.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/ScriptedHttpServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
using State = TransferItem::State;
const QString kDiskFull = QStringLiteral("No space left on device");

fal::emulator::FaultOptions failing()
{
    fal::emulator::FaultOptions faults;
    faults.errorRate = 1.0;
    faults.errorStatus = 500;
    faults.errorDetail = kDiskFull;
    return faults;
}
} // namespace

class TestTransferOutage : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<QTemporaryDir> m_state;
    std::unique_ptr<TransferJournal> m_journal;
    std::unique_ptr<TransferEngine> m_engine;

    void makeEngine(FilesClient *client)
    {
        m_engine.reset();
        m_journal = std::make_unique<TransferJournal>(
            m_state->filePath(QStringLiteral("journal.sqlite")));
        QVERIFY(m_journal->open());
        m_engine = std::make_unique<TransferEngine>(client, m_journal.get());
    }
    const TransferItem *only(qint64 batch)
    {
        const QList<qint64> ids = m_engine->batchItems(batch);
        return ids.size() == 1 ? m_engine->item(ids.first()) : nullptr;
    }
    bool waitForBatch(qint64 batch, int timeoutMs)
    {
        return ClientFixture::waitUntil([&] { return m_engine->isBatchFinished(batch); },
                                        timeoutMs);
    }
    // A client of its own for a scripted server (same fast retries as the fixture's).
    std::unique_ptr<FilesClient> clientFor(const QUrl &url)
    {
        auto client = std::make_unique<FilesClient>();
        client->setEndpoint(url);
        client->setCredentials(
            *Credentials::fromKey(QStringLiteral("id:secret"), QStringLiteral("test")));
        client->setRetryPolicy(f->client()->retryPolicy());
        return client;
    }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        m_state = std::make_unique<QTemporaryDir>();
        makeEngine(f->client());
    }
    void cleanup()
    {
        m_engine.reset();
        m_journal.reset();
        f.reset();
    }

    // The app's case (no budget): after the requests' own retries the item waits, says why and
    // for how long, and starts again by itself when the wait is over.
    void anAutomaticRetryFiresByItself()
    {
        const QString local = f->scratch(QStringLiteral("a.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 4096, 1));
        f->server().setFaults(failing());
        const qint64 batch = m_engine->upload({local}, *RemotePath::parse(QStringLiteral("up")));
        QVERIFY(ClientFixture::waitUntil([&] {
            const TransferItem *item = only(batch);
            return item && item->state == State::Queued && item->retryAtMs > 0;
        }));
        const TransferItem *item = only(batch);
        QVERIFY2(item->note.contains(kDiskFull), qPrintable(item->note));
        const qint64 retryAt = item->retryAtMs;
        QVERIFY(item->secondsUntilRetry() > 0);
        f->server().setFaults({});
        f->server().clearRequestLog();
        QVERIFY2(waitForBatch(batch, 30'000), "the held transfer never started again");
        QCOMPARE(only(batch)->state, State::Done);
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("up/a.bin"))),
                 ClientFixture::sha256(local));
        // Not before its time: the first request after the wait came after the hold ended.
        const auto log = f->server().requestLog();
        QVERIFY(!log.isEmpty());
        QVERIFY2(log.first().timestamp.toMSecsSinceEpoch() >= retryAt - 50,
                 qPrintable(QStringLiteral("%1 ms early")
                                .arg(retryAt - log.first().timestamp.toMSecsSinceEpoch())));
    }

    // "Retry" on an item that waits for the service tries at once and says so (the row stops
    // counting down): before, it dropped the wait silently and the views kept the countdown.
    void retryOnAHeldItemTriesNow()
    {
        const QString local = f->scratch(QStringLiteral("held.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 4096, 3));
        f->server().setFaults(failing());
        const qint64 batch = m_engine->upload({local}, *RemotePath::parse(QStringLiteral("up")));
        QVERIFY(ClientFixture::waitUntil([&] {
            const TransferItem *item = only(batch);
            return item && item->state == State::Queued && item->retryAtMs > 0;
        }));
        QVERIFY(only(batch)->secondsUntilRetry() > 2); // far enough not to end by itself now
        f->server().setFaults({});
        QSignalSpy changed(m_engine.get(), &TransferEngine::itemChanged);
        m_engine->retry(only(batch)->id);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(only(batch)->retryAtMs, 0);
        QVERIFY2(waitForBatch(batch, 10'000), "retried, but it did not start");
        QCOMPARE(only(batch)->state, State::Done);
    }

    // The CLI's case: with a budget, a service that keeps failing ends the transfer inside it,
    // with the service's own reason.
    void aBudgetEndsTheWaitWithTheServersReason()
    {
        f->client()->outage().setLimitMs(3000);
        const QString local = f->scratch(QStringLiteral("b.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 4096, 2));
        f->server().setFaults(failing());
        QElapsedTimer clock;
        clock.start();
        const qint64 batch = m_engine->upload({local}, *RemotePath::parse(QStringLiteral("up")));
        QVERIFY2(waitForBatch(batch, 60'000), "the budget never ended the wait");
        const TransferItem *item = only(batch);
        QCOMPARE(item->state, State::Failed);
        QCOMPARE(item->errorKind, ApiError::Kind::Server);
        QVERIFY2(item->error.contains(kDiskFull), qPrintable(item->error));
        qInfo() << "gave up after" << clock.elapsed() << "ms with a 3000 ms budget";
        QVERIFY(!f->client()->outage().isLimited() || f->client()->outage().isSpent());
    }

    // No retry at all ("--retry-for 0"): the first failure is final.
    void aZeroBudgetDoesNotRetry()
    {
        f->client()->outage().setLimitMs(0);
        f->server().setFaults(failing());
        StatJob stat(f->client(), *RemotePath::parse(QStringLiteral("x")));
        QVERIFY(!ClientFixture::run(&stat, 20'000));
        QCOMPARE(stat.attempts(), 1);
        QVERIFY(stat.error().message().contains(kDiskFull));
    }

    // Pausing or cancelling a transfer that waits for the service ends its wait: no retry is
    // left armed for it (one was, and fired in a loop once its time had passed).
    void pausingOrCancellingAWaitingTransferEndsItsWait()
    {
        const QString local = f->scratch(QStringLiteral("p.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 4096, 3));
        f->server().setFaults(failing());
        const qint64 batch = m_engine->upload({local}, *RemotePath::parse(QStringLiteral("up")));
        QVERIFY(ClientFixture::waitUntil([&] {
            const TransferItem *item = only(batch);
            return item && item->state == State::Queued && item->retryAtMs > 0;
        }));
        QVERIFY(m_engine->nextRetryAtMs() > 0);
        const qint64 id = only(batch)->id;
        m_engine->pause(id);
        QCOMPARE(m_engine->nextRetryAtMs(), 0);
        QCOMPARE(only(batch)->retryAtMs, 0);
        m_engine->resume(id); // tries at once, fails, waits again
        QVERIFY(ClientFixture::waitUntil([&] { return only(batch)->retryAtMs > 0; }));
        m_engine->cancel(id);
        QCOMPARE(m_engine->nextRetryAtMs(), 0);
        m_engine->clearFinished();
        QCOMPARE(m_engine->nextRetryAtMs(), 0);
    }

    // An upload that moves bytes until it breaks: the outage counts from its last bytes, not
    // from when it was sent (a 100 MiB part that breaks after minutes is not minutes of outage).
    void anUploadThatMovedBytesIsNoOutageFromItsStart()
    {
        const QString local = f->scratch(QStringLiteral("u.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 8 * kMiB, 4));
        // The request waits 400 ms before its body is read, then the body moves, then a 500.
        fal::emulator::FaultOptions faults = failing();
        faults.latencyMs = 400;
        f->server().setFaults(faults);
        f->client()->outage().setLimitMs(60'000);
        SimpleUploadJob job(f->client(), local, *RemotePath::parse(QStringLiteral("u.bin")));
        qint64 downFor = -1;
        connect(&job, &ApiJob::retrying, this, [&] {
            downFor = QDateTime::currentMSecsSinceEpoch() - f->client()->outage().downSinceMs();
            f->server().setFaults({});
        });
        QVERIFY2(ClientFixture::run(&job), qPrintable(job.error().message()));
        QVERIFY(downFor >= 0);
        QVERIFY2(downFor < 300, qPrintable(QStringLiteral("down for %1 ms").arg(downFor)));
    }

    // A server that accepts the connection and never answers: over within the budget (and its
    // retries), not after a one-minute timeout per attempt.
    void aSilentServerGivesUpWithinTheBudget()
    {
        ScriptedHttpServer silent(
            [](const ScriptedHttpServer::Request &) { return std::optional<QByteArray>(); });
        auto client = clientFor(silent.url());
        client->outage().setLimitMs(2000);
        StatJob stat(client.get(), *RemotePath::parse(QStringLiteral("x")));
        QVERIFY(!ClientFixture::run(&stat, 30'000));
        QCOMPARE(stat.error().kind, ApiError::Kind::Timeout);
        QVERIFY(silent.requests() >= 1);
    }

    // A server that answers every download from byte 0 (ignoring Range) and cuts it short:
    // bytes fetched again are not progress, so the job ends instead of retrying forever.
    void aDownloadCutShortForeverEnds()
    {
        ScriptedHttpServer cutting([](const ScriptedHttpServer::Request &) {
            return std::optional<QByteArray>(
                "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nETag: \"v1\"\r\n"
                "Connection: close\r\n\r\n"
                + QByteArray(1000, 'x'));
        });
        auto client = clientFor(cutting.url());
        DownloadJob job(client.get(), *RemotePath::parse(QStringLiteral("f.bin")),
                        f->scratch(QStringLiteral("f.bin")));
        job.setAutoDelete(false);
        QSignalSpy done(&job, &ApiJob::finished);
        job.start();
        QVERIFY2(
            done.wait(60'000),
            qPrintable(QStringLiteral("still retrying after %1 requests").arg(cutting.requests())));
        QVERIFY(!job.succeeded());
        QCOMPARE(job.error().kind, ApiError::Kind::Network);
        QVERIFY2(job.attempts() <= client->retryPolicy().maxAttempts,
                 qPrintable(QString::number(job.attempts())));
        QVERIFY(!QFileInfo::exists(f->scratch(QStringLiteral("f.bin"))));
    }

    // The opposite: a server that honours Range but cuts each answer after a little: every
    // attempt brings new bytes, so the job keeps going (past its attempt limit) and finishes.
    void aDownloadThatProgressesOnEveryAttemptFinishes()
    {
        QByteArray content(40'000, Qt::Uninitialized);
        for (int i = 0; i < content.size(); ++i)
            content[i] = char(i * 7 % 251);
        ScriptedHttpServer stingy([&](const ScriptedHttpServer::Request &request) {
            qint64 from = 0;
            const QByteArray range = request.header("Range");
            if (range.startsWith("bytes="))
                from = range.mid(6, range.indexOf('-') - 6).toLongLong();
            const QByteArray slice = content.mid(from, 1000); // 1000 bytes, then the cut
            QByteArray head = from > 0 ? "HTTP/1.1 206 Partial Content\r\nContent-Range: bytes "
                    + QByteArray::number(from) + '-' + QByteArray::number(content.size() - 1) + '/'
                    + QByteArray::number(content.size()) + "\r\n"
                                       : QByteArray("HTTP/1.1 200 OK\r\n");
            head += "Content-Length: " + QByteArray::number(content.size() - from)
                + "\r\nETag: \"v1\"\r\nConnection: close\r\n\r\n";
            return std::optional<QByteArray>(head + slice);
        });
        auto client = clientFor(stingy.url());
        const QString target = f->scratch(QStringLiteral("g.bin"));
        DownloadJob job(client.get(), *RemotePath::parse(QStringLiteral("g.bin")), target);
        QVERIFY2(ClientFixture::run(&job, 120'000), qPrintable(job.error().message()));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
        QVERIFY(stingy.requests() > client->retryPolicy().maxAttempts);
    }

    // The service goes away for 12 s in the middle of a 100 MiB upload, then comes back on the
    // same port with the same data: the upload finishes by itself, byte for byte.
    void anUploadOutlivesAnOutage()
    {
        const QString local = f->scratch(QStringLiteral("big.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 100 * kMiB, 5));
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 30; // so that the outage lands in the middle
        f->server().setFaults(slow);
        const qint64 batch = m_engine->upload({local}, *RemotePath::parse(QStringLiteral("up")));
        QVERIFY(ClientFixture::waitUntil([&] {
            const TransferItem *item = only(batch);
            return item && item->bytesDone > 20 * kMiB;
        }));
        QVERIFY(!m_engine->isBatchFinished(batch));
        // The outage itself, what the test is about: 12 s, while the test waits for the upload.
        bool cameBack = false;
        const bool finished = f->outageWhile(
            12'000, [&] { return m_engine->isBatchFinished(batch); }, 120'000, &cameBack);
        QVERIFY(cameBack);
        QVERIFY2(finished, "the upload did not go on by itself");
        QCOMPARE(only(batch)->state, State::Done);
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("up/big.bin"))),
                 ClientFixture::sha256(local));
    }

    // The same for a download.
    void aDownloadOutlivesAnOutage()
    {
        QDir().mkpath(f->data(QStringLiteral("models")));
        QVERIFY(
            ClientFixture::writeRandomFile(f->data(QStringLiteral("models/w.bin")), 100 * kMiB, 6));
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 30;
        f->server().setFaults(slow);
        FileSpec spec;
        spec.path = *RemotePath::parse(QStringLiteral("models/w.bin"));
        spec.name = spec.path.name();
        spec.size = 100 * kMiB;
        const QString folder = f->scratch(QStringLiteral("down"));
        const qint64 batch = m_engine->download({spec}, folder);
        QVERIFY(ClientFixture::waitUntil([&] {
            const TransferItem *item = only(batch);
            return item && item->bytesDone > 10 * kMiB;
        }));
        QVERIFY(!m_engine->isBatchFinished(batch));
        bool cameBack = false;
        const bool finished = f->outageWhile(
            12'000, [&] { return m_engine->isBatchFinished(batch); }, 120'000, &cameBack);
        QVERIFY(cameBack);
        QVERIFY2(finished, "the download did not go on by itself");
        QCOMPARE(only(batch)->state, State::Done);
        QCOMPARE(ClientFixture::sha256(folder + QStringLiteral("/w.bin")),
                 ClientFixture::sha256(f->data(QStringLiteral("models/w.bin"))));
    }
};

QTEST_GUILESS_MAIN(TestTransferOutage)
#include "tst_transfer_outage.moc"
