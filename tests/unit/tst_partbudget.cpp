// Unit tests for PartBudget: the engine-wide pool of "part in flight" slots.
#include "network/transfer/PartBudget.h"

#include <QSignalSpy>
#include <QTest>

class TestPartBudget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void limitIsClamped_data();
    void limitIsClamped();
    void acquireUpToTheLimit();
    void releaseFreesASlotAndSignals();
    void raisingTheLimitSignals();
    void loweringTheLimitDoesNotSignalAndHolds();
    void settingTheSameLimitDoesNotSignal();
    void waitersAreWokenOneByOne();
    void manyCycles();
};

void TestPartBudget::limitIsClamped_data()
{
    QTest::addColumn<int>("requested");
    QTest::addColumn<int>("effective");
    QTest::newRow("10") << 10 << 10;
    QTest::newRow("1") << 1 << 1;
    QTest::newRow("0 becomes 1") << 0 << 1;
    QTest::newRow("negative becomes 1") << -5 << 1;
}

void TestPartBudget::limitIsClamped()
{
    QFETCH(int, requested);
    QFETCH(int, effective);
    PartBudget budget(requested);
    QCOMPARE(budget.limit(), effective);
    QCOMPARE(budget.inUse(), 0);
    // A limit that would block every part forever is never in effect.
    QVERIFY(budget.tryAcquire());

    PartBudget other(4);
    other.setLimit(requested);
    QCOMPARE(other.limit(), qMax(1, requested));
}

void TestPartBudget::acquireUpToTheLimit()
{
    PartBudget budget(3);
    QSignalSpy spy(&budget, &PartBudget::available);
    QVERIFY(budget.tryAcquire());
    QVERIFY(budget.tryAcquire());
    QVERIFY(budget.tryAcquire());
    QCOMPARE(budget.inUse(), 3);
    QVERIFY(!budget.tryAcquire());
    QVERIFY(!budget.tryAcquire());
    QCOMPARE(budget.inUse(), 3); // a refused acquire takes nothing
    QCOMPARE(spy.count(), 0);
}

void TestPartBudget::releaseFreesASlotAndSignals()
{
    PartBudget budget(2);
    QSignalSpy spy(&budget, &PartBudget::available);
    QVERIFY(spy.isValid());
    QVERIFY(budget.tryAcquire());
    QVERIFY(budget.tryAcquire());
    QVERIFY(!budget.tryAcquire());

    budget.release();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(budget.inUse(), 1);
    QVERIFY(budget.tryAcquire());
    QCOMPARE(budget.inUse(), 2);
    QVERIFY(!budget.tryAcquire());

    budget.release();
    budget.release();
    QCOMPARE(spy.count(), 3);
    QCOMPARE(budget.inUse(), 0);
}

void TestPartBudget::raisingTheLimitSignals()
{
    PartBudget budget(1);
    QSignalSpy spy(&budget, &PartBudget::available);
    QVERIFY(budget.tryAcquire());
    QVERIFY(!budget.tryAcquire());

    budget.setLimit(3);
    QCOMPARE(budget.limit(), 3);
    QCOMPARE(spy.count(), 1);
    QVERIFY(budget.tryAcquire());
    QVERIFY(budget.tryAcquire());
    QVERIFY(!budget.tryAcquire());
    QCOMPARE(budget.inUse(), 3);
}

void TestPartBudget::loweringTheLimitDoesNotSignalAndHolds()
{
    PartBudget budget(4);
    QSignalSpy spy(&budget, &PartBudget::available);
    for (int i = 0; i < 4; ++i)
        QVERIFY(budget.tryAcquire());

    budget.setLimit(2);
    QCOMPARE(budget.limit(), 2);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(budget.inUse(), 4); // parts already in flight finish

    // Until in-flight parts drop below the new limit nothing new starts.
    budget.release();
    QVERIFY(!budget.tryAcquire());
    budget.release();
    QVERIFY(!budget.tryAcquire());
    budget.release();
    QCOMPARE(budget.inUse(), 1);
    QVERIFY(budget.tryAcquire());
    QVERIFY(!budget.tryAcquire());
    QCOMPARE(budget.inUse(), 2);

    // Lowering to something invalid keeps at least one slot.
    budget.setLimit(0);
    QCOMPARE(budget.limit(), 1);
}

void TestPartBudget::settingTheSameLimitDoesNotSignal()
{
    PartBudget budget(5);
    QSignalSpy spy(&budget, &PartBudget::available);
    budget.setLimit(5);
    QCOMPARE(spy.count(), 0);
    budget.setLimit(1);
    budget.setLimit(0); // clamped to 1: not a raise
    budget.setLimit(-3);
    QCOMPARE(spy.count(), 0);
    QCOMPARE(budget.limit(), 1);
}

void TestPartBudget::waitersAreWokenOneByOne()
{
    // Uploads waiting for a slot connect to available() and try again; exactly the freed slots
    // are taken, and the limit holds across them.
    PartBudget budget(2);
    int started = 0;
    int waiting = 5;
    int maxInUse = 0;
    connect(&budget, &PartBudget::available, this, [&] {
        while (waiting > 0 && budget.tryAcquire()) {
            --waiting;
            ++started;
            maxInUse = qMax(maxInUse, budget.inUse());
        }
    });
    QVERIFY(budget.tryAcquire());
    QVERIFY(budget.tryAcquire());
    while (budget.inUse() > 0)
        budget.release();
    QCOMPARE(started, 5);
    QCOMPARE(waiting, 0);
    QCOMPARE(maxInUse, 2);
    QCOMPARE(budget.inUse(), 0);
}

void TestPartBudget::manyCycles()
{
    PartBudget budget(10);
    QSignalSpy spy(&budget, &PartBudget::available);
    for (int round = 0; round < 1000; ++round) {
        int got = 0;
        while (budget.tryAcquire())
            ++got;
        QCOMPARE(got, 10);
        for (int i = 0; i < got; ++i)
            budget.release();
        QCOMPARE(budget.inUse(), 0);
    }
    QCOMPARE(spy.count(), 10'000);
}

QTEST_GUILESS_MAIN(TestPartBudget)
#include "tst_partbudget.moc"
