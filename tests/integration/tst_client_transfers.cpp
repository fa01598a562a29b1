// Large transfers through the client against the emulator: multipart uploads and downloads that
// arrive byte-identical, and that survive dropped connections without sending anything twice.
#include "network/api/DownloadJob.h"
#include "network/transfer/MultipartUploadJob.h"
#include "network/transfer/PartPlanner.h"
#include "tests/support/ClientFixture.h"

#include <QTest>
#include <csignal>
#include <sys/resource.h>

namespace {

constexpr qint64 kMiB = 1024 * 1024;

bool runMultipart(MultipartUploadJob *job, int timeoutMs = 120'000)
{
    QSignalSpy spy(job, &MultipartUploadJob::finished);
    job->start();
    return spy.wait(timeoutMs) && job->succeeded();
}

} // namespace

class TestClientTransfers : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
    }
    void cleanup() { f.reset(); }

    void multipartUploadAndDownloadAreIdentical()
    {
        const QString local = f->scratch(QStringLiteral("big.bin"));
        const qint64 size = 64 * kMiB + 12'345; // not a multiple of the part size
        QVERIFY(ClientFixture::writeRandomFile(local, size, 3));
        const QByteArray sha = ClientFixture::sha256(local);

        MultipartUploadJob upload(f->client(), local,
                                  *RemotePath::parse(QStringLiteral("models/big.bin")));
        QSignalSpy parts(&upload, &MultipartUploadJob::partDone);
        QSignalSpy progress(&upload, &MultipartUploadJob::progress);
        QVERIFY2(runMultipart(&upload), qPrintable(upload.error().message()));
        QCOMPARE(parts.size(), PartPlanner::partCount(size, PartPlanner::partSizeFor(size)));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("models/big.bin"))), sha);
        // Progress is by bytes and ends at the size.
        QVERIFY(progress.size() > parts.size());
        QCOMPARE(progress.last().at(0).toLongLong(), size);
        for (const int count : ClientFixture::acceptedParts(f->server().requestLog()))
            QCOMPARE(count, 1);

        const QString back = f->scratch(QStringLiteral("back.bin"));
        DownloadJob download(f->client(),
                             *RemotePath::parse(QStringLiteral("/data/models/big.bin")), back);
        download.setExpectedSize(size);
        QVERIFY2(f->run(&download), qPrintable(download.error().message()));
        QCOMPARE(ClientFixture::sha256(back), sha);
    }

    void downloadResumesAfterDropsAndFetchesNoByteTwice()
    {
        const qint64 size = 24 * kMiB;
        QVERIFY(ClientFixture::writeRandomFile(f->data(QStringLiteral("w.bin")), size, 5));
        fal::emulator::FaultOptions faults;
        faults.dropAfterBytes = 5 * kMiB;
        faults.dropLimit = 3;
        f->server().setFaults(faults);

        const QString target = f->scratch(QStringLiteral("w.bin"));
        DownloadJob job(f->client(), *RemotePath::parse(QStringLiteral("w.bin")), target);
        QVERIFY2(f->run(&job), qPrintable(job.error().message()));
        QCOMPARE(ClientFixture::sha256(target),
                 ClientFixture::sha256(f->data(QStringLiteral("w.bin"))));

        // Every range the client asked for starts exactly where the bytes it had stored end, so
        // nothing it received is asked for again. (The log is in order of completion, which a
        // quick retry can overtake: order by range. After a drop Qt 6.4 sometimes re-sends the
        // very same request on its own and abandons it; such a ghost repeats an earlier Range
        // header exactly, is counted separately, and carries no fault.)
        QMap<qint64, qint64> delivered; // range start -> bytes of the client's own request
        qint64 ghostBytes = 0;
        for (const auto &entry : f->server().requestLog()) {
            if (entry.method != QLatin1String("GET"))
                continue;
            const qint64 start = entry.range.isEmpty() ? 0
                                                       : entry.range.section(QLatin1Char('='), 1)
                                                             .section(QLatin1Char('-'), 0, 0)
                                                             .toLongLong();
            if (delivered.contains(start)) {
                const qint64 other = delivered.value(start);
                ghostBytes += qMin(other, entry.responseBytes);
                delivered[start] = qMax(other, entry.responseBytes);
            } else {
                delivered.insert(start, entry.responseBytes);
            }
        }
        qint64 sent = 0;
        for (auto it = delivered.cbegin(); it != delivered.cend(); ++it) {
            QCOMPARE(it.key(), sent);
            sent += it.value();
        }
        QCOMPARE(delivered.size(), 4); // three drops, then the rest
        if (ghostBytes > 0)
            qInfo() << "bytes fetched by Qt's own re-sent requests:" << ghostBytes;
        QCOMPARE(sent, size); // not one byte twice
    }

    void downloadOfChangedFileStartsOver()
    {
        QVERIFY(ClientFixture::writeRandomFile(f->data(QStringLiteral("v.bin")), 4 * kMiB, 1));
        const QString target = f->scratch(QStringLiteral("v.bin"));
        // A partial file from an earlier run, with a validator the server no longer matches.
        {
            QFile partial(DownloadJob::tempPathFor(target));
            QVERIFY(partial.open(QIODevice::WriteOnly));
            partial.write(QByteArray(1000, 'x'));
        }
        DownloadJob job(f->client(), *RemotePath::parse(QStringLiteral("v.bin")), target);
        job.setResumeValidator(QStringLiteral("\"stale-etag\""));
        QSignalSpy restarted(&job, &DownloadJob::restarted);
        QVERIFY2(f->run(&job), qPrintable(job.error().message()));
        QCOMPARE(restarted.size(), 1);
        QCOMPARE(ClientFixture::sha256(target),
                 ClientFixture::sha256(f->data(QStringLiteral("v.bin"))));
    }

    void downloadChecksumMismatchKeepsTargetUntouched()
    {
        QVERIFY(ClientFixture::writeRandomFile(f->data(QStringLiteral("c.bin")), 100'000, 1));
        const QString target = f->scratch(QStringLiteral("c.bin"));
        QFile old(target);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the good old file");
        old.close();
        DownloadJob job(f->client(), *RemotePath::parse(QStringLiteral("c.bin")), target);
        job.setExpectedSha256(QString(64, QLatin1Char('0')));
        QVERIFY(!f->run(&job));
        QCOMPARE(job.error().kind, ApiError::Kind::Integrity);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("the good old file"));
        QVERIFY(!QFile::exists(job.tempPath()));
    }

    void fullDiskKeepsTheOldFileAndResumesLater()
    {
        // The disk refuses writes past 3 MiB (a file size limit stands in for a full disk: the
        // write fails the same way, and no root or mount is needed).
        QVERIFY(ClientFixture::writeRandomFile(f->data(QStringLiteral("full.bin")), 8 * kMiB, 12));
        const QString target = f->scratch(QStringLiteral("full.bin"));
        {
            QFile old(target);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("the previous version");
        }
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit original {};
        getrlimit(RLIMIT_FSIZE, &original);
        rlimit limited = original;
        limited.rlim_cur = 3 * kMiB;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &limited), 0);
        DownloadJob job(f->client(), *RemotePath::parse(QStringLiteral("full.bin")), target);
        const bool ok = f->run(&job);
        setrlimit(RLIMIT_FSIZE, &original);
        QVERIFY(!ok);
        QCOMPARE(job.error().kind, ApiError::Kind::Local);
        QVERIFY2(job.error().message().contains(target), qPrintable(job.error().message()));
        QCOMPARE(job.attempts(), 1); // not retried blindly: a person has to make room
        QFile old(target);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), QByteArray("the previous version")); // nothing lost
        QCOMPARE(QFileInfo(DownloadJob::tempPathFor(target)).size(),
                 3 * kMiB); // a good prefix, kept

        // Room again: the next run goes on from the kept bytes.
        f->server().clearRequestLog();
        DownloadJob again(f->client(), *RemotePath::parse(QStringLiteral("full.bin")), target);
        again.setResumeValidator(job.validator());
        QVERIFY2(f->run(&again), qPrintable(again.error().message()));
        QCOMPARE(again.resumedFrom(), 3 * kMiB);
        QCOMPARE(ClientFixture::sha256(target),
                 ClientFixture::sha256(f->data(QStringLiteral("full.bin"))));
    }

    void multipartUploadSurvivesDropsAnd5xxAnd429()
    {
        const QString local = f->scratch(QStringLiteral("flaky.bin"));
        const qint64 size = 48 * kMiB + 7;
        QVERIFY(ClientFixture::writeRandomFile(local, size, 9));
        fal::emulator::FaultOptions faults;
        faults.dropAfterBytes = 3 * kMiB; // every part is bigger: dropped until the limit
        faults.dropLimit = 4;
        faults.errorRate = 0.1;
        faults.rateLimitRate = 0.1;
        faults.retryAfterSeconds = 1;
        faults.seed = 7;
        f->server().setFaults(faults);
        MultipartUploadJob upload(f->client(), local,
                                  *RemotePath::parse(QStringLiteral("flaky.bin")));
        QVERIFY2(runMultipart(&upload), qPrintable(upload.error().message()));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("flaky.bin"))),
                 ClientFixture::sha256(local));
        const QMap<int, int> accepted = ClientFixture::acceptedParts(f->server().requestLog());
        QCOMPARE(accepted.size(), PartPlanner::partCount(size, PartPlanner::partSizeFor(size)));
        for (const int count : accepted)
            QCOMPARE(count, 1); // retried parts were the ones that failed, never one that succeeded
    }

    void resumeSendsOnlyMissingParts()
    {
        const QString local = f->scratch(QStringLiteral("resume.bin"));
        const qint64 size = 50 * kMiB;
        QVERIFY(ClientFixture::writeRandomFile(local, size, 11));
        const RemotePath target = *RemotePath::parse(QStringLiteral("resume.bin"));

        // First run: stop after two parts are stored, as a crash would.
        MultipartState saved;
        {
            MultipartUploadJob first(f->client(), local, target);
            first.setMaxPartsInFlight(1);
            QObject::connect(&first, &MultipartUploadJob::initiated, &first,
                             [&](const QString &id, qint64 partSize) {
                                 saved.uploadId = id;
                                 saved.partSize = partSize;
                             });
            QObject::connect(&first, &MultipartUploadJob::partDone, &first,
                             [&](int n, const QString &etag) {
                                 saved.parts.insert(n, etag);
                                 if (saved.parts.size() == 2)
                                     first.cancel();
                             });
            QSignalSpy done(&first, &MultipartUploadJob::finished);
            first.start();
            QVERIFY(done.wait(60'000));
            QCOMPARE(first.error().kind, ApiError::Kind::Cancelled);
        }
        QCOMPARE(saved.parts.size(), 2);

        MultipartUploadJob second(f->client(), local, target);
        second.setResumeState(saved);
        QVERIFY2(runMultipart(&second), qPrintable(second.error().message()));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("resume.bin"))),
                 ClientFixture::sha256(local));
        // Over both runs, every part was accepted exactly once: the second run sent only the rest.
        const QMap<int, int> accepted = ClientFixture::acceptedParts(f->server().requestLog());
        QCOMPARE(accepted.size(), PartPlanner::partCount(size, saved.partSize));
        for (auto it = accepted.cbegin(); it != accepted.cend(); ++it)
            QVERIFY2(
                it.value() == 1,
                qPrintable(
                    QStringLiteral("part %1 accepted %2 times").arg(it.key()).arg(it.value())));
    }

    // A crash between the server accepting parts and the journal recording them, before the
    // file's MD5 was known: the resumed upload must learn those parts from the server (resume
    // extension, asked once the hash is done) instead of sending them again.
    void resumeWithoutMd5AsksForStoredPartsFirst()
    {
        const QString local = f->scratch(QStringLiteral("early.bin"));
        const qint64 size = 50 * kMiB;
        QVERIFY(ClientFixture::writeRandomFile(local, size, 12));
        const RemotePath target = *RemotePath::parse(QStringLiteral("early.bin"));

        MultipartState journalled; // what the journal held at the crash: part 1 only, no MD5
        int stored = 0;
        {
            MultipartUploadJob first(f->client(), local, target);
            first.setMaxPartsInFlight(1);
            QObject::connect(&first, &MultipartUploadJob::initiated, &first,
                             [&](const QString &id, qint64 partSize) {
                                 journalled.uploadId = id;
                                 journalled.partSize = partSize;
                             });
            QObject::connect(&first, &MultipartUploadJob::partDone, &first,
                             [&](int n, const QString &etag) {
                                 if (n == 1)
                                     journalled.parts.insert(n, etag);
                                 if (++stored == 3)
                                     first.cancel();
                             });
            QSignalSpy done(&first, &MultipartUploadJob::finished);
            first.start();
            QVERIFY(done.wait(60'000));
        }
        QCOMPARE(stored, 3);
        QVERIFY(journalled.contentMd5.isEmpty());

        MultipartUploadJob second(f->client(), local, target);
        second.setResumeState(journalled);
        QVERIFY2(runMultipart(&second), qPrintable(second.error().message()));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("early.bin"))),
                 ClientFixture::sha256(local));
        const QMap<int, int> accepted = ClientFixture::acceptedParts(f->server().requestLog());
        QCOMPARE(accepted.size(), PartPlanner::partCount(size, journalled.partSize));
        for (auto it = accepted.cbegin(); it != accepted.cend(); ++it)
            QVERIFY2(
                it.value() == 1,
                qPrintable(
                    QStringLiteral("part %1 accepted %2 times").arg(it.key()).arg(it.value())));
    }

    void unknownUploadIdStartsOverCleanly()
    {
        const QString local = f->scratch(QStringLiteral("gone.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 21 * kMiB, 2));
        MultipartState stale;
        stale.uploadId = QStringLiteral("no-such-upload");
        stale.partSize = 10 * kMiB;
        stale.parts.insert(1, QStringLiteral("0123456789abcdef0123456789abcdef"));
        MultipartUploadJob job(f->client(), local, *RemotePath::parse(QStringLiteral("gone.bin")));
        job.setResumeState(stale);
        QSignalSpy restarted(&job, &MultipartUploadJob::restarted);
        QVERIFY2(runMultipart(&job), qPrintable(job.error().message()));
        QVERIFY(restarted.size() >= 1);
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("gone.bin"))),
                 ClientFixture::sha256(local));
    }
};

QTEST_GUILESS_MAIN(TestClientTransfers)
#include "tst_client_transfers.moc"
