// The one job contract (network/api/Job.h): started once, finished() exactly once, cancel()
// finishes at once (quietly when asked), composites take their sub-jobs down with them. Checked
// on a bare Job and on the real jobs over the fake network.
#include "network/api/DirectorySizeJob.h"
#include "network/api/RemoteWalker.h"
#include "network/api/StatJob.h"
#include "tests/support/FakeClientFixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

namespace {

// A job that does nothing by itself: the test ends it.
class ManualJob : public Job
{
public:
    using Job::finishWith;
    int starts = 0;
    int cancels = 0;

protected:
    void doStart() override { ++starts; }
    void doCancel() override { ++cancels; }
};

QJsonObject entry(const QString &path, bool isFile, qint64 size)
{
    return {{QStringLiteral("path"), path},
            {QStringLiteral("name"), path.section(QLatin1Char('/'), -1)},
            {QStringLiteral("is_file"), isFile},
            {QStringLiteral("size"), size},
            {QStringLiteral("updated_time"), 1.7e9}};
}

} // namespace

class TestJobContract : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsOnceAndFinishesOnce()
    {
        ManualJob job;
        QSignalSpy finished(&job, &Job::finished);
        QCOMPARE(job.state(), Job::State::Idle);
        job.start();
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("started twice")));
        job.start();
        QCOMPARE(job.starts, 1);
        QVERIFY(job.isRunning());
        job.finishWith(ApiError::make(ApiError::Kind::Network, QStringLiteral("down")));
        job.finishWith({});
        job.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<Job *>(), &job);
        QVERIFY(job.isFinished());
        QVERIFY(!job.succeeded());
        QCOMPARE(job.error().kind, ApiError::Kind::Network);
        QCOMPARE(job.cancels, 0);
    }

    void cancelFinishesAtOnce()
    {
        ManualJob job;
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        job.cancel();
        QCOMPARE(job.cancels, 1);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job.error().kind, ApiError::Kind::Cancelled);
    }

    void cancelQuietlyReportsNothing()
    {
        ManualJob job;
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        job.cancel(Job::CancelMode::Quietly);
        QVERIFY(job.isFinished());
        QCOMPARE(job.cancels, 1);
        QCOMPARE(finished.size(), 0);
    }

    void autoDeleteAfterReporting()
    {
        QPointer<ManualJob> job = new ManualJob;
        job->setAutoDelete(true);
        QSignalSpy finished(job.data(), &Job::finished);
        job->start();
        job->finishWith({});
        QCOMPARE(finished.size(), 1);
        QVERIFY(job); // alive for the slots of finished()
        QTRY_VERIFY(!job);
    }

    void cancelledRequestAbortsItsReply()
    {
        FakeClientFixture f;
        f.service().setIntercept([](const FakeRequest &) { return FakeResponse::hanging(); });
        StatJob job(f.client(), *RemotePath::parse(QStringLiteral("a.bin")), false);
        job.setAutoDelete(false);
        QSignalSpy finished(&job, &Job::finished);
        job.start();
        QTRY_COMPARE(f.network().openRequests().size(), 1);
        job.cancel(Job::CancelMode::Quietly);
        QVERIFY(job.isFinished());
        QCOMPARE(job.error().kind, ApiError::Kind::Cancelled);
        QTRY_COMPARE(f.network().openRequests().size(), 0);
        QCoreApplication::processEvents(); // nothing queued arrives late either
        QCOMPARE(finished.size(), 0);
    }

    void walkerCancelsItsListings()
    {
        FakeClientFixture f;
        f.service().setIntercept([](const FakeRequest &) { return FakeResponse::hanging(); });
        RemoteWalker walker(f.client(), *RemotePath::parse(QStringLiteral("models")));
        QSignalSpy finished(&walker, &Job::finished);
        walker.start();
        QTRY_COMPARE(f.network().openRequests().size(), 1);
        walker.cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(walker.error().kind, ApiError::Kind::Cancelled);
        QTRY_COMPARE(f.network().openRequests().size(), 0);
    }

    void directorySizeCountsWhatCanBeCounted()
    {
        FakeClientFixture f;
        f.service().setIntercept([](const FakeRequest &request) -> std::optional<FakeResponse> {
            const QString path = request.path();
            if (path.endsWith(QLatin1String("/list/a")))
                return FakeResponse::json(
                    QJsonArray {entry(QStringLiteral("/data/a/x"), true, 10),
                                entry(QStringLiteral("/data/a/b"), false, 0)});
            if (path.endsWith(QLatin1String("/list/a/b")))
                return FakeResponse::json(
                    QJsonArray {entry(QStringLiteral("/data/a/b/y"), true, 5)});
            return FakeResponse::httpError(403, QStringLiteral("not yours"));
        });
        FileSpec folder;
        folder.path = *RemotePath::parse(QStringLiteral("a"));
        folder.name = QStringLiteral("a");
        folder.isFile = false;
        FileSpec file;
        file.path = *RemotePath::parse(QStringLiteral("z.txt"));
        file.name = QStringLiteral("z.txt");
        file.isFile = true;
        file.size = 7;
        FileSpec locked;
        locked.path = *RemotePath::parse(QStringLiteral("locked"));
        locked.name = QStringLiteral("locked");
        locked.isFile = false;

        DirectorySizeJob count(f.client(), {folder, file, locked});
        QSignalSpy finished(&count, &Job::finished);
        count.start();
        QVERIFY(finished.wait(5000));
        QVERIFY(count.succeeded()); // a folder that cannot be counted is a problem, not a failure
        QCOMPARE(count.sizes().size(), 3);
        QCOMPARE(count.sizes().at(0).files, 2);
        QCOMPARE(count.sizes().at(0).folders, 1);
        QCOMPARE(count.sizes().at(0).bytes, 15);
        QCOMPARE(count.sizes().at(1).bytes, 7);
        QCOMPARE(count.sizes().at(2).files, 0);
        QCOMPARE(count.problems().size(), 1);
        QVERIFY2(count.problems().first().startsWith(QStringLiteral("/data/locked: ")),
                 qPrintable(count.problems().first()));
        QCOMPARE(finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestJobContract)
#include "tst_job_contract.moc"
