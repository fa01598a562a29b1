#pragma once

#include "emulator/EmulatorServer.h"
#include "network/api/ApiJob.h"
#include "network/api/FilesClient.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QFile>
#include <QMap>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <memory>

// An in-process emulator on a free loopback port over a temporary /data, and a FilesClient
// pointed at it with the emulator's key and short retry delays (tests wait less, retries are the
// same). Everything goes away with the fixture.
class ClientFixture
{
public:
    ClientFixture()
    {
        fal::emulator::EmulatorOptions options;
        options.rootDir = m_root.path();
        m_server = std::make_unique<fal::emulator::EmulatorServer>(options);
        QString error;
        m_started = m_server->start(&error);
        if (!m_started)
            qWarning("emulator did not start: %s", qPrintable(error));
        m_client = std::make_unique<FilesClient>();
        m_client->setEndpoint(m_server->baseUrl());
        m_client->setCredentials(*Credentials::fromKey(m_server->key(), QStringLiteral("test")));
        RetryPolicy fast;
        fast.baseDelayMs = 20;
        fast.maxDelayMs = 200;
        fast.maxAttempts = 12;
        m_client->setRetryPolicy(fast);
    }

    bool started() const { return m_started; }

    // An outage: the service stops listening (every connection closed) ...
    void takeDown() { m_server->stop(); }
    // ... and comes back on the same port, over the same data, with the same key.
    bool bringBack()
    {
        fal::emulator::EmulatorOptions options;
        options.rootDir = m_root.path();
        options.port = m_server->port();
        options.key = m_server->key();
        const fal::emulator::FaultOptions faults = m_server->faults();
        m_server.reset();
        m_server = std::make_unique<fal::emulator::EmulatorServer>(options);
        m_server->setFaults(faults);
        QString error;
        if (!m_server->start(&error)) {
            qWarning("emulator did not come back: %s", qPrintable(error));
            return false;
        }
        return true;
    }
    // An outage of `outageMs`, the length of a scenario (not a pause of the test): the service
    // is taken down now and a timer brings it back (without faults) while the event loop runs
    // until `done()` holds, at most `timeoutMs` after the service is back. False when it did not
    // come back (`*cameBack` says which) or `done()` did not hold in time.
    template<typename Predicate>
    bool outageWhile(int outageMs, Predicate done, int timeoutMs, bool *cameBack = nullptr)
    {
        takeDown();
        enum { Down, Back, Failed } state = Down;
        QTimer comeBack;
        comeBack.setSingleShot(true);
        QObject::connect(&comeBack, &QTimer::timeout, [&] {
            state = bringBack() ? Back : Failed;
            if (state == Back)
                m_server->setFaults({});
        });
        comeBack.start(outageMs);
        const bool ok = waitUntil([&] { return state == Failed || (state == Back && done()); },
                                  outageMs + timeoutMs);
        if (cameBack)
            *cameBack = state == Back;
        return ok && state == Back;
    }
    fal::emulator::EmulatorServer &server() { return *m_server; }
    FilesClient *client() { return m_client.get(); }
    QString root() const { return m_root.path(); }
    QString data(const QString &relative) const { return m_root.filePath(relative); }
    QString scratch(const QString &name) const { return m_scratch.filePath(name); }

    // Runs a job to its end (it must not auto-delete while we read it).
    static bool run(ApiJob *job, int timeoutMs = 60'000)
    {
        job->setAutoDelete(false);
        QSignalSpy spy(job, &ApiJob::finished);
        job->start();
        if (!spy.wait(timeoutMs))
            return false;
        return job->succeeded();
    }

    // Runs the event loop until `done()` holds (true) or the time is up (false). Unlike
    // QTest::qWaitFor, it never sleeps between turns: Qt hands upload bodies to its network thread
    // 16 KiB per event-loop turn, so a 10 ms nap per turn would slow an upload to a crawl.
    template<typename Predicate> static bool waitUntil(Predicate done, int timeoutMs = 60'000)
    {
        if (done())
            return true;
        QEventLoop loop;
        QTimer poll;
        QTimer deadline;
        deadline.setSingleShot(true);
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (done())
                loop.quit();
        });
        QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
        poll.start(5);
        deadline.start(timeoutMs);
        loop.exec();
        return done();
    }

    // A file of `size` pseudo-random bytes (seeded: reproducible), written in blocks.
    static bool writeRandomFile(const QString &path, qint64 size, quint32 seed = 1)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        QRandomGenerator generator(seed);
        QByteArray block(1 << 20, Qt::Uninitialized);
        for (qint64 left = size; left > 0;) {
            const qint64 n = qMin<qint64>(left, block.size());
            generator.fillRange(reinterpret_cast<quint32 *>(block.data()), block.size() / 4);
            if (file.write(block.constData(), n) != n)
                return false;
            left -= n;
        }
        return true;
    }

    static QByteArray sha256(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        return hash.result().toHex();
    }

    // Multipart parts the server accepted, by part number (how many times each), from its log.
    static QMap<int, int> acceptedParts(const QList<fal::emulator::RequestLogEntry> &log)
    {
        static const QRegularExpression part(
            QStringLiteral("/files/file/multipart/.+/[^/]+/(\\d+)$"));
        QMap<int, int> accepted;
        for (const auto &entry : log) {
            const auto match = part.match(entry.target);
            if (entry.method == QLatin1String("PUT") && match.hasMatch() && entry.status == 200)
                ++accepted[match.captured(1).toInt()];
        }
        return accepted;
    }

private:
    QTemporaryDir m_root;
    QTemporaryDir m_scratch;
    std::unique_ptr<fal::emulator::EmulatorServer> m_server;
    std::unique_ptr<FilesClient> m_client;
    bool m_started = false;
};
