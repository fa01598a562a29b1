// A download's bandwidth limit holds to its last byte. Qt 6.4 does not always keep a reply to
// its read buffer's size: with both cores busy, a whole small file can be in the reply when it
// ends, and those last bytes used to be taken at once (a 3 MiB download at 1 MiB/s ended in
// 80 ms in a clean-clone CI run). FakeReply hands a body over regardless of the reader, so here
// the reply always ends holding nearly all of it: the job must still pace it.
#include "network/api/DownloadJob.h"
#include "tests/support/FakeClientFixture.h"

#include <QElapsedTimer>
#include <QTest>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
} // namespace

class TestDownloadLimit : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeClientFixture> f;

private Q_SLOTS:
    void init() { f = std::make_unique<FakeClientFixture>(); }
    void cleanup() { f.reset(); }

    void aReplyThatEndsHoldingTheFileIsStillPaced()
    {
        const QByteArray content = FakeClientFixture::randomBytes(3 * kMiB / 2, 7);
        f->service().putFile(QStringLiteral("big.bin"), content);
        f->client()->setBandwidthLimits(0, kMiB);
        const QString target = f->scratch(QStringLiteral("big.bin"));
        DownloadJob job(f->client(), *RemotePath::parse(QStringLiteral("big.bin")), target);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(FakeClientFixture::run(&job, 20'000));
        QVERIFY2(job.succeeded(), qPrintable(job.error().message()));
        // 1.5 MiB at 1 MiB/s after a quarter second of burst: ~1.25 s. Taken at once: ~50 ms.
        QVERIFY2(clock.elapsed() >= 900, qPrintable(QString::number(clock.elapsed())));
        QFile file(target);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
    }

    // Cancelled while its last bytes wait for the limit: it ends cancelled, the target untouched.
    void cancelledWhileItsLastBytesWait()
    {
        const QByteArray content = FakeClientFixture::randomBytes(2 * kMiB, 8);
        f->service().putFile(QStringLiteral("c.bin"), content);
        f->client()->setBandwidthLimits(0, kMiB);
        const QString target = f->scratch(QStringLiteral("c.bin"));
        DownloadJob job(f->client(), *RemotePath::parse(QStringLiteral("c.bin")), target);
        job.setAutoDelete(false);
        QSignalSpy finished(&job, &ApiJob::finished);
        qint64 done = 0;
        connect(&job, &DownloadJob::progress, this,
                [&done](qint64 bytes, qint64) { done = bytes; });
        job.start();
        // By 3/4 MiB the reply has long ended (FakeReply hands 64 KiB a turn); the rest waits.
        QTRY_VERIFY_WITH_TIMEOUT(done >= 3 * kMiB / 4, 10'000);
        QVERIFY(!job.isFinished());
        job.cancel();
        QVERIFY(job.isFinished() || finished.wait(5000));
        QCOMPARE(job.error().kind, ApiError::Kind::Cancelled);
        QVERIFY(!QFileInfo::exists(target));
        const qint64 atCancel = done;
        QVERIFY(!QTest::qWaitFor([&] { return done != atCancel; }, 400)); // nothing more
    }
};

QTEST_GUILESS_MAIN(TestDownloadLimit)
#include "tst_download_limit.moc"
