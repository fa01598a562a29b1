// MultipartUploadJob when the server forgets the upload (expired, cancelled elsewhere): a part or
// the completion answering 404 starts the upload over under a new upload id, the old one is
// freed, nothing more goes to it, and the file arrives whole. A server that keeps forgetting
// ends it after a bounded number of restarts, saying why.
#include "network/transfer/MultipartUploadJob.h"
#include "network/transfer/PartPlanner.h"
#include "tests/support/FakeClientFixture.h"

#include <QTest>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
const RemotePath kTarget = *RemotePath::parse(QStringLiteral("up/big.bin"));
} // namespace

class TestMultipartRestart : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeClientFixture> f;
    QByteArray m_content;
    QString m_local;

    // Every request's path, in order, without the route and the target: "initiate",
    // "upload-1/2", "upload-1/complete"...
    QStringList trail() const
    {
        const QString prefix = QStringLiteral("/files/file/multipart/up/big.bin/");
        QStringList steps;
        for (const FakeRequest &request : f->network().requests())
            steps << request.path().mid(prefix.size());
        return steps;
    }
    static bool isPartOf(const QString &step, const QString &uploadId)
    {
        return step.startsWith(uploadId + QLatin1Char('/')) && step.back().isDigit();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Three parts of the planner's 10 MiB: the smallest multipart upload there is.
        m_content = FakeClientFixture::randomBytes(21 * kMiB, 7);
        QCOMPARE(
            PartPlanner::partCount(m_content.size(), PartPlanner::partSizeFor(m_content.size())),
            3);
    }
    void init()
    {
        f = std::make_unique<FakeClientFixture>();
        m_local = f->scratch(QStringLiteral("big.bin"));
        QVERIFY(FakeClientFixture::writeFile(m_local, m_content));
    }
    void cleanup() { f.reset(); }

    void aPartAnswering404StartsOverUnderANewUploadId()
    {
        bool forgotten = false;
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            if (!forgotten && request.method == "PUT"
                && request.path().endsWith(QLatin1String("/2"))) {
                forgotten = true;
                f->service().forgetUpload(QStringLiteral("upload-1")); // the part then gets 404
            }
            return std::nullopt;
        });
        MultipartUploadJob job(f->client(), m_local, kTarget);
        QSignalSpy initiated(&job, &MultipartUploadJob::initiated);
        QSignalSpy restarted(&job, &MultipartUploadJob::restarted);
        QSignalSpy finished(&job, &MultipartUploadJob::finished);
        job.start();
        QVERIFY(finished.wait(30'000));
        QVERIFY2(job.succeeded(), qPrintable(job.error().message()));
        QCOMPARE(f->service().file(kTarget.relative()), m_content);

        QCOMPARE(initiated.size(), 2);
        QCOMPARE(initiated.at(0).at(0).toString(), QStringLiteral("upload-1"));
        QCOMPARE(initiated.at(1).at(0).toString(), QStringLiteral("upload-2"));
        QCOMPARE(restarted.size(), 1);
        QVERIFY2(restarted.first().first().toString().contains(
                     QStringLiteral("no longer knows upload upload-1")),
                 qPrintable(restarted.first().first().toString()));

        const QStringList steps = trail();
        QCOMPARE(steps.count(QStringLiteral("initiate")), 2);
        QCOMPARE(steps.count(QStringLiteral("upload-1/cancel")), 1); // the old upload is freed
        QVERIFY(!steps.contains(QStringLiteral("upload-1/complete")));
        QCOMPARE(steps.last(), QStringLiteral("upload-2/complete"));
        // Nothing goes to the old upload once the restart began (its cancel is the last word).
        const qsizetype cancel = steps.indexOf(QStringLiteral("upload-1/cancel"));
        for (qsizetype i = cancel; i < steps.size(); ++i)
            QVERIFY2(!isPartOf(steps[i], QStringLiteral("upload-1")), qPrintable(steps.join(' ')));
        // The new upload gets every part, once.
        for (const QString &part : {QStringLiteral("upload-2/1"), QStringLiteral("upload-2/2"),
                                    QStringLiteral("upload-2/3")})
            QCOMPARE(steps.count(part), 1);
        QVERIFY(f->service().uploads().isEmpty());
    }

    void aCompletionAnswering404StartsOverToo()
    {
        bool forgotten = false;
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            if (!forgotten && request.path().endsWith(QLatin1String("/complete"))) {
                forgotten = true;
                f->service().forgetUpload(QStringLiteral("upload-1"));
            }
            return std::nullopt;
        });
        MultipartUploadJob job(f->client(), m_local, kTarget);
        QSignalSpy restarted(&job, &MultipartUploadJob::restarted);
        QSignalSpy finished(&job, &MultipartUploadJob::finished);
        job.start();
        QVERIFY(finished.wait(30'000));
        QVERIFY2(job.succeeded(), qPrintable(job.error().message()));
        QCOMPARE(restarted.size(), 1);
        QCOMPARE(trail().count(QStringLiteral("initiate")), 2);
        QCOMPARE(trail().last(), QStringLiteral("upload-2/complete"));
        QCOMPARE(f->service().file(kTarget.relative()), m_content);
    }

    void aServerThatKeepsForgettingEndsItAfterThreeRestarts()
    {
        f->service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            if (request.method == "PUT") {
                const QStringList route = request.path().split(QLatin1Char('/'));
                f->service().forgetUpload(route.at(route.size() - 2));
            }
            return std::nullopt;
        });
        MultipartUploadJob job(f->client(), m_local, kTarget);
        QSignalSpy restarted(&job, &MultipartUploadJob::restarted);
        QSignalSpy finished(&job, &MultipartUploadJob::finished);
        job.start();
        QVERIFY(finished.wait(30'000));
        QVERIFY(!job.succeeded());
        QCOMPARE(job.error().kind, ApiError::Kind::Changed);
        QVERIFY2(job.error().message().contains(QStringLiteral("gave up after 3 restarts")),
                 qPrintable(job.error().message()));
        QCOMPARE(restarted.size(), 3);
        QCOMPARE(trail().count(QStringLiteral("initiate")), 4);
        QVERIFY(!f->service().hasFile(kTarget.relative()));
    }
};

QTEST_GUILESS_MAIN(TestMultipartRestart)
#include "tst_multipart_restart.moc"
