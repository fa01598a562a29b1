// OutageBudget: the one clock that decides how long transfers wait for a service that is down.
#include "network/api/OutageBudget.h"

#include <QDateTime>
#include <QTest>

class TestOutageBudget : public QObject
{
    Q_OBJECT

private:
    static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }
    static ApiError serverError()
    {
        return ApiError::fromHttp(500, R"({"detail":"No space left on device"})");
    }

private Q_SLOTS:
    void unlimitedNeverRunsOut()
    {
        OutageBudget budget;
        QVERIFY(!budget.isLimited());
        budget.noteUnreachable(serverError(), now() - 3'600'000);
        QVERIFY(budget.isDown());
        QVERIFY(!budget.isSpent());
        QCOMPARE(budget.clampDelay(60'000), 60'000);
        QCOMPARE(budget.remainingMs(), OutageBudget::kUnlimited);
    }

    void theClockStartsWhenTheFailingRequestWasSent()
    {
        OutageBudget budget;
        budget.setLimitMs(10'000);
        QCOMPARE(budget.remainingMs(), 10'000); // up: the whole budget
        budget.noteUnreachable(serverError(), now() - 4'000);
        QVERIFY(budget.remainingMs() <= 6'000 && budget.remainingMs() > 5'000);
        QVERIFY(budget.clampDelay(30'000) <= 6'000);
        QCOMPARE(budget.clampDelay(100), 100);
        QVERIFY(budget.lastError().message().contains(QStringLiteral("No space left on device")));
        // A later failure does not move the start; an earlier one does.
        budget.noteUnreachable(serverError(), now());
        QVERIFY(budget.remainingMs() <= 6'000);
        budget.noteUnreachable(serverError(), now() - 11'000);
        QVERIFY(budget.isSpent());
        QCOMPARE(budget.clampDelay(10), -1);
    }

    void anAnswerEndsTheOutage()
    {
        OutageBudget budget;
        budget.setLimitMs(1'000);
        budget.noteUnreachable(serverError(), now() - 5'000);
        QVERIFY(budget.isSpent());
        budget.noteReachable();
        QVERIFY(!budget.isDown());
        QVERIFY(!budget.isSpent());
        // A request sent before the service last answered is down only since that answer.
        budget.noteUnreachable(serverError(), now() - 5'000);
        QVERIFY(!budget.isSpent());
    }

    void bytesGoingOutDelayTheStartButDoNotEndAnOutage()
    {
        OutageBudget budget;
        budget.setLimitMs(1'000);
        budget.noteActivity(); // a long upload moved bytes until now...
        budget.noteUnreachable(serverError(), now() - 5'000); // ...sent 5 s ago, then broke
        QVERIFY(!budget.isSpent());
        // The service answers 500 after every body: bytes keep going out, the outage goes on.
        budget.noteUnreachable(serverError(), now() - 5'000);
        const qint64 since = budget.downSinceMs();
        budget.noteActivity();
        budget.noteUnreachable(serverError(), now());
        QCOMPARE(budget.downSinceMs(), since);
        QVERIFY(budget.isDown());
    }

    void zeroMeansNoRetry()
    {
        OutageBudget budget;
        budget.setLimitMs(0);
        QVERIFY(budget.isLimited());
        QVERIFY(!budget.isSpent()); // nothing failed yet
        budget.noteUnreachable(serverError(), now());
        QVERIFY(budget.isSpent());
        QCOMPARE(budget.clampDelay(500), -1);
    }

    void theSoonestRetryAheadIsWhatIsShown()
    {
        OutageBudget budget;
        budget.noteRetryAt(now() + 5'000);
        QCOMPARE(budget.nextRetryAtMs(), 0); // not down: nothing to announce
        budget.noteUnreachable(serverError(), now());
        const qint64 soon = now() + 3'000;
        budget.noteRetryAt(now() + 9'000);
        budget.noteRetryAt(soon);
        QCOMPARE(budget.nextRetryAtMs(), soon);
        budget.noteReachable();
        QCOMPARE(budget.nextRetryAtMs(), 0);
    }
};

QTEST_GUILESS_MAIN(TestOutageBudget)
#include "tst_outagebudget.moc"
