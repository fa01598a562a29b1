// Fault injection and the request log: latency, connections dropped after N body bytes (both
// directions, with a drop limit), 503 and 429 + Retry-After at a seeded rate, runtime changes,
// and the log the client tests rely on ("no part accepted twice", "no range fetched twice").

#include "tests/support/EmulatorTestSupport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <thread>

using namespace emutest;

class TestEmulatorFaults : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Emulator> m_emu;
    std::unique_ptr<httplib::Client> m_client;
    QTemporaryDir m_logDir;

    httplib::Client &c() { return *m_client; }

    void setFaults(const FaultOptions &f) { m_emu->server().setFaults(f); }

    QList<RequestLogEntry> entriesFor(const QString &targetPart)
    {
        QList<RequestLogEntry> out;
        for (const RequestLogEntry &e : m_emu->server().requestLog()) {
            if (e.target.contains(targetPart))
                out << e;
        }
        return out;
    }

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<Emulator>();
        m_emu->options().logFile = m_logDir.filePath(QStringLiteral("requests.jsonl"));
        QFile::remove(m_emu->options().logFile);
        QVERIFY(m_emu->start());
        m_client = m_emu->client();
        QVERIFY(writeFile(m_emu->path("data.bin"),
                          QByteArray::fromStdString(randomBytes(1024 * 1024, 2))));
    }

    void cleanup()
    {
        m_client.reset();
        const QString log = m_emu->options().logFile;
        m_emu.reset();
        QFile::remove(log);
    }

    void latency()
    {
        FaultOptions f;
        f.latencyMs = 200;
        setFaults(f);
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(c().Get("/files/list", authHeaders())->status, 200);
        QVERIFY2(timer.elapsed() >= 190, qPrintable(QString::number(timer.elapsed())));
        timer.restart();
        QCOMPARE(c().Get("/elsewhere", authHeaders())->status, 404); // only /files routes
        QVERIFY(timer.elapsed() < 150);
        setFaults(FaultOptions());
        timer.restart();
        QCOMPARE(c().Get("/files/list", authHeaders())->status, 200);
        QVERIFY(timer.elapsed() < 150);
    }

    void serverErrors()
    {
        FaultOptions f;
        f.errorRate = 1.0;
        setFaults(f);
        auto r = c().Get("/files/list", authHeaders());
        QCOMPARE(r->status, 503);
        QVERIFY(!detailOf(r).isEmpty());
        // A body request is answered after its body was read: nothing stored, connection reusable.
        r = postForm(c(), "/files/file/local/never.bin", std::string(500000, 'n'));
        QCOMPARE(r->status, 503);
        QVERIFY(!QFileInfo::exists(m_emu->path("never.bin")));
        setFaults(FaultOptions());
        QCOMPARE(c().Get("/files/list", authHeaders())->status, 200);
        QCOMPARE(entriesFor("never.bin").first().fault, QStringLiteral("error"));
        QCOMPARE(entriesFor("never.bin").first().requestBytes,
                 qint64(fileForm(std::string(500000, 'n'), "upload.bin").body.size()));
    }

    void rateLimitWithRetryAfter()
    {
        FaultOptions f;
        f.rateLimitRate = 1.0;
        f.retryAfterSeconds = 7;
        setFaults(f);
        const auto r = c().Get("/files/file/data.bin", authHeaders());
        QCOMPARE(r->status, 429);
        QCOMPARE(r->get_header_value("Retry-After"), std::string("7"));
        QVERIFY(!detailOf(r).isEmpty());
        QCOMPARE(entriesFor("data.bin").last().fault, QStringLiteral("rate_limit"));
    }

    void seededRatesRepeat()
    {
        FaultOptions f;
        f.errorRate = 0.3;
        f.rateLimitRate = 0.3;
        f.seed = 1234;
        auto run = [&] {
            setFaults(f); // re-seeds
            QString statuses;
            for (int i = 0; i < 40; ++i)
                statuses += QString::number(c().Get("/files/list", authHeaders())->status)
                    + QLatin1Char(' ');
            return statuses;
        };
        const QString first = run();
        QVERIFY(first.contains(QStringLiteral("200")));
        QVERIFY(first.contains(QStringLiteral("503")));
        QVERIFY(first.contains(QStringLiteral("429")));
        QCOMPARE(run(), first);
    }

    void dropDownloadAfterBytes()
    {
        FaultOptions f;
        f.dropAfterBytes = 100000;
        f.dropLimit = 1;
        setFaults(f);
        std::string received;
        auto r = c().Get("/files/file/data.bin", authHeaders(), [&](const char *d, size_t n) {
            received.append(d, n);
            return true;
        });
        QVERIFY(!r || r->status != 200 || received.size() < 1024 * 1024);
        QCOMPARE(received.size(), size_t(100000));
        // The drop limit is used up: the next download is whole.
        auto client = m_emu->client();
        r = client->Get("/files/file/data.bin", authHeaders());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body.size(), size_t(1024 * 1024));
        const auto log = entriesFor("data.bin");
        QCOMPARE(log.size(), 2);
        QCOMPARE(log.at(0).responseBytes, 100000);
        QVERIFY(log.at(0).dropped);
        QCOMPARE(log.at(0).status, 200); // the status line went out before the cut
        QCOMPARE(log.at(1).responseBytes, 1024 * 1024);
        QVERIFY(!log.at(1).dropped);
    }

    void dropUploadLeavesOldFileAndNoTemp()
    {
        QVERIFY(writeFile(m_emu->path("keep.bin"), "the old content"));
        FaultOptions f;
        f.dropAfterBytes = 200000;
        f.dropLimit = 1;
        setFaults(f);
        const auto r = postForm(c(), "/files/file/local/keep.bin", randomBytes(1024 * 1024, 4));
        QVERIFY(!r); // no answer: the connection was dropped
        QCOMPARE(readFile(m_emu->path("keep.bin")), QByteArray("the old content"));
        QCOMPARE(tree(m_emu->root() + "/.fal-emulator/tmp"), QStringList());
        const auto log = entriesFor("keep.bin");
        QCOMPARE(log.size(), 1);
        QCOMPARE(log.first().requestBytes, 200000);
        QCOMPARE(log.first().status, 0);
        QVERIFY(log.first().dropped);
        QCOMPARE(log.first().fault, QStringLiteral("drop"));
        // The limit is used up; the retry succeeds.
        auto client = m_emu->client();
        QCOMPARE(postForm(*client, "/files/file/local/keep.bin", "new")->status, 200);
        QCOMPARE(readFile(m_emu->path("keep.bin")), QByteArray("new"));
    }

    void droppedPartIsNotStored()
    {
        const std::string part = randomBytes(300000, 8);
        auto r = postJson(c(), "/files/file/multipart/p.bin/initiate",
                          {{"chunk_size", 300000},
                           {"content_md5", QString::fromStdString(md5Hex(part))},
                           {"size", 300000}});
        const std::string id = json(r).object().value("upload_id").toString().toStdString();
        FaultOptions f;
        f.dropAfterBytes = 100000;
        f.dropLimit = 1;
        setFaults(f);
        QVERIFY(!putPart(c(), "/files/file/multipart/p.bin/" + id + "/1", part));
        auto client = m_emu->client();
        r = postJson(*client, "/files/file/multipart/p.bin/initiate",
                     {{"chunk_size", 300000},
                      {"content_md5", QString::fromStdString(md5Hex(part))},
                      {"size", 300000}});
        QCOMPARE(json(r).object().value("upload_id").toString().toStdString(), id);
        QCOMPARE(json(r).object().value("parts").toArray(), QJsonArray());
        r = putPart(*client, "/files/file/multipart/p.bin/" + id + "/1", part);
        QCOMPARE(r->status, 200);
        QCOMPARE(json(r).object().value("etag").toString().toStdString(), md5Hex(part));
    }

    void dropWithoutLimitDropsEveryLargeBody()
    {
        FaultOptions f;
        f.dropAfterBytes = 50000;
        setFaults(f);
        for (int i = 0; i < 3; ++i) {
            auto client = m_emu->client();
            QVERIFY(!client->Get("/files/file/data.bin", authHeaders()) || true);
        }
        int dropped = 0;
        for (const auto &e : entriesFor("data.bin"))
            dropped += e.dropped && e.responseBytes == 50000;
        QCOMPARE(dropped, 3);
        // Small answers stay under the mark.
        QCOMPARE(m_emu->client()->Get("/files/list", authHeaders())->status, 200);
    }

    void requestLogInMemoryAndFile()
    {
        m_emu->server().clearRequestLog();
        httplib::Headers h = authHeaders();
        h.emplace("Range", "bytes=10-19");
        QCOMPARE(c().Get("/files/file/data.bin", h)->status, 206);
        QCOMPARE(postForm(c(), "/files/file/local/logged.bin", "12345")->status, 200);
        QCOMPARE(c().Get("/files/list/%2E%2E", authHeaders())->status, 400);

        const QList<RequestLogEntry> log = m_emu->server().requestLog();
        QCOMPARE(log.size(), 3);
        QCOMPARE(log.at(0).method, QStringLiteral("GET"));
        QCOMPARE(log.at(0).target, QStringLiteral("/files/file/data.bin"));
        QCOMPARE(log.at(0).status, 206);
        QCOMPARE(log.at(0).range, QStringLiteral("bytes=10-19"));
        QCOMPARE(log.at(0).responseBytes, 10);
        QCOMPARE(log.at(1).method, QStringLiteral("POST"));
        QCOMPARE(log.at(1).requestBytes, qint64(fileForm("12345", "upload.bin").body.size()));
        QCOMPARE(log.at(1).responseBytes, 4);
        QCOMPARE(log.at(2).target, QStringLiteral("/files/list/%2E%2E")); // raw, as sent
        QVERIFY(log.at(0).timestamp.isValid() && log.at(0).timestamp <= log.at(1).timestamp);
        m_emu->server().clearRequestLog();
        QVERIFY(m_emu->server().requestLog().isEmpty());

        // The file holds every request since start, one JSON object per line.
        QFile file(m_emu->options().logFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QList<RequestLogEntry> fromFile;
        while (!file.atEnd()) {
            bool ok = false;
            fromFile << RequestLogEntry::fromJsonLine(file.readLine(), &ok);
            QVERIFY(ok);
        }
        QVERIFY(fromFile.size() >= 3);
        QCOMPARE(fromFile.at(fromFile.size() - 3).range, QStringLiteral("bytes=10-19"));
        QCOMPARE(fromFile.last().status, 400);
        QVERIFY(!readFile(m_emu->options().logFile).contains(kKey.toUtf8())); // never the key
    }

    void faultsChangeWhileRequestsRun()
    {
        std::atomic<bool> stop {false};
        std::atomic<int> ok {0}, failed {0};
        std::vector<std::thread> clients;
        for (int t = 0; t < 4; ++t) {
            clients.emplace_back([&] {
                auto client = m_emu->client();
                while (!stop) {
                    auto r = client->Get("/files/list", authHeaders());
                    (r && r->status == 200 ? ok : failed)++;
                }
            });
        }
        bool moving = true;
        for (int i = 0; i < 20 && moving; ++i) {
            FaultOptions f;
            f.errorRate = (i % 2) ? 0.5 : 0.0;
            f.seed = quint64(i);
            setFaults(f);
            // A few requests under each setting before it changes again.
            const int before = ok + failed;
            moving = QTest::qWaitFor([&] { return ok + failed >= before + 4; }, 10'000);
        }
        stop = true;
        for (std::thread &t : clients)
            t.join();
        QVERIFY2(moving, "the requests stopped while the faults changed");
        QVERIFY(ok > 0);
        QVERIFY(failed > 0);
        setFaults(FaultOptions());
        QCOMPARE(c().Get("/files/list", authHeaders())->status, 200);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorFaults)
#include "tst_emulator_faults.moc"
