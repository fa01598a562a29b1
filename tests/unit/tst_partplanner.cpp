// Unit tests for PartPlanner: single or multipart by size, a part size chosen from the file size
// within the server's limits, and parts that cover the file exactly.
#include "network/transfer/PartPlanner.h"

#include <QRandomGenerator>
#include <QTest>

namespace {
constexpr qint64 MiB = PartPlanner::kMiB;
constexpr qint64 GiB = 1024 * MiB;
constexpr qint64 kApiMax = PartPlanner::kMaxPartSize * PartPlanner::kMaxParts; // ~976.6 GiB

// Every byte of [0, size) is in exactly one part, in order, and no part is empty unless the file
// is.
void checkCoverage(qint64 size, qint64 partSize)
{
    const int count = PartPlanner::partCount(size, partSize);
    QVERIFY2(count >= 1, qPrintable(QString::number(size)));
    QVERIFY(count <= PartPlanner::kMaxParts);
    qint64 expectedOffset = 0;
    for (int n = 1; n <= count; ++n) {
        const qint64 offset = PartPlanner::partOffset(n, partSize);
        const qint64 length = PartPlanner::partLength(n, size, partSize);
        if (offset != expectedOffset || length > partSize || (size > 0 && length <= 0)
            || (n < count && length != partSize)) {
            QFAIL(qPrintable(
                QStringLiteral("size %1 part size %2: part %3 at %4 (+%5), expected at %6")
                    .arg(size)
                    .arg(partSize)
                    .arg(n)
                    .arg(offset)
                    .arg(length)
                    .arg(expectedOffset)));
        }
        expectedOffset += length;
    }
    QCOMPARE(expectedOffset, size);
    // Nothing beyond the last part.
    QCOMPARE(PartPlanner::partLength(count + 1, size, partSize), qint64(0));
}
} // namespace

class TestPartPlanner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void constants();
    void usesMultipart_data();
    void usesMultipart();
    void partSize_data();
    void partSize();
    void partSizeIsSmallestThatFits();
    void partSizeIsMonotonic();
    void tooBig_data();
    void tooBig();
    void partCountAndLength_data();
    void partCountAndLength();
    void coverageProperty();
    void coverageOfLargeFiles();
};

void TestPartPlanner::constants()
{
    QCOMPARE(PartPlanner::kMultipartThreshold, 10 * MiB);
    QCOMPARE(PartPlanner::kMinPartSize, 10 * MiB);
    QCOMPARE(PartPlanner::kMaxPartSize, 100 * MiB);
    QCOMPARE(PartPlanner::kMaxParts, 10000);
}

void TestPartPlanner::usesMultipart_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<bool>("multipart");

    QTest::newRow("empty") << qint64(0) << false;
    QTest::newRow("1 byte") << qint64(1) << false;
    QTest::newRow("1 MiB") << MiB << false;
    QTest::newRow("10 MiB - 1") << 10 * MiB - 1 << false;
    QTest::newRow("exactly 10 MiB") << 10 * MiB << false;
    QTest::newRow("10 MiB + 1") << 10 * MiB + 1 << true;
    QTest::newRow("1 GiB") << GiB << true;
    QTest::newRow("1 TB") << qint64(1'000'000'000'000) << true;
}

void TestPartPlanner::usesMultipart()
{
    QFETCH(qint64, size);
    QFETCH(bool, multipart);
    QCOMPARE(PartPlanner::usesMultipart(size), multipart);
}

void TestPartPlanner::partSize_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("partSize"); // -1: do not check an exact value, only the limits

    QTest::newRow("empty") << qint64(0) << 10 * MiB;
    QTest::newRow("1 byte") << qint64(1) << 10 * MiB;
    QTest::newRow("exactly 10 MiB") << 10 * MiB << 10 * MiB;
    QTest::newRow("10 MiB + 1") << 10 * MiB + 1 << 10 * MiB;
    QTest::newRow("1 GiB") << GiB << 10 * MiB;
    QTest::newRow("10,000 x 10 MiB (97.66 GiB)") << 10000 * 10 * MiB << 10 * MiB;
    QTest::newRow("10,000 x 10 MiB + 1") << 10000 * 10 * MiB + 1 << 11 * MiB;
    QTest::newRow("97.7 GiB") << qint64(97.7 * GiB) << 11 * MiB;
    QTest::newRow("200 GB") << qint64(200'000'000'000) << 20 * MiB;
    QTest::newRow("500 GiB") << 500 * GiB << 52 * MiB;
    QTest::newRow("1 TB") << qint64(1'000'000'000'000) << 96 * MiB;
    QTest::newRow("API maximum (10,000 x 100 MiB)") << kApiMax << 100 * MiB;
    QTest::newRow("API maximum - 1") << kApiMax - 1 << 100 * MiB;
    QTest::newRow("976 GiB") << 976 * GiB << 100 * MiB;
}

void TestPartPlanner::partSize()
{
    QFETCH(qint64, size);
    QFETCH(qint64, partSize);
    const qint64 planned = PartPlanner::partSizeFor(size);
    QCOMPARE(planned, partSize);
    QVERIFY(planned >= PartPlanner::kMinPartSize);
    QVERIFY(planned <= PartPlanner::kMaxPartSize);
    QCOMPARE(planned % MiB, qint64(0));
    const int count = PartPlanner::partCount(size, planned);
    QVERIFY2(count <= PartPlanner::kMaxParts, qPrintable(QString::number(count)));
    QVERIFY(count >= 1);
    if (size > 0)
        QVERIFY(qint64(count) * planned >= size);
}

void TestPartPlanner::partSizeIsSmallestThatFits()
{
    // One MiB less than the plan would need more than 10,000 parts (unless already at 10 MiB).
    const qint64 sizes[] = {10000 * 10 * MiB + 1,      qint64(97.7 * GiB), qint64(200'000'000'000),
                            qint64(1'000'000'000'000), 300 * GiB + 12345,  kApiMax};
    for (const qint64 size : sizes) {
        const qint64 planned = PartPlanner::partSizeFor(size);
        QVERIFY(planned > PartPlanner::kMinPartSize);
        QVERIFY2(PartPlanner::partCount(size, planned - MiB) > PartPlanner::kMaxParts,
                 qPrintable(QString::number(size)));
    }
}

void TestPartPlanner::partSizeIsMonotonic()
{
    qint64 previous = 0;
    for (qint64 size = 0; size <= kApiMax; size += 7 * GiB + 12345) {
        const qint64 planned = PartPlanner::partSizeFor(size);
        QVERIFY(planned >= previous);
        previous = planned;
    }
}

void TestPartPlanner::tooBig_data()
{
    QTest::addColumn<qint64>("size");
    QTest::newRow("API maximum + 1") << kApiMax + 1;
    QTest::newRow("977 GiB") << 977 * GiB;
    QTest::newRow("1 TiB") << 1024 * GiB;
    QTest::newRow("2 TB") << qint64(2'000'000'000'000);
    QTest::newRow("huge") << (qint64(1) << 62);
}

void TestPartPlanner::tooBig()
{
    QFETCH(qint64, size);
    QCOMPARE(PartPlanner::partSizeFor(size), qint64(-1));
}

void TestPartPlanner::partCountAndLength_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("partSize");
    QTest::addColumn<int>("count");
    QTest::addColumn<qint64>("lastLength");

    QTest::newRow("empty is one empty part") << qint64(0) << 10 * MiB << 1 << qint64(0);
    QTest::newRow("1 byte") << qint64(1) << 10 * MiB << 1 << qint64(1);
    QTest::newRow("exactly one part") << 10 * MiB << 10 * MiB << 1 << 10 * MiB;
    QTest::newRow("one part + 1 byte") << 10 * MiB + 1 << 10 * MiB << 2 << qint64(1);
    QTest::newRow("exactly two parts") << 20 * MiB << 10 * MiB << 2 << 10 * MiB;
    QTest::newRow("1 GiB") << GiB << 10 * MiB << 103 << 4 * MiB;
    QTest::newRow("max parts") << 10000 * 10 * MiB << 10 * MiB << 10000 << 10 * MiB;
}

void TestPartPlanner::partCountAndLength()
{
    QFETCH(qint64, size);
    QFETCH(qint64, partSize);
    QFETCH(int, count);
    QFETCH(qint64, lastLength);
    QCOMPARE(PartPlanner::partCount(size, partSize), count);
    QCOMPARE(PartPlanner::partOffset(1, partSize), qint64(0));
    QCOMPARE(PartPlanner::partOffset(count, partSize), qint64(count - 1) * partSize);
    QCOMPARE(PartPlanner::partLength(count, size, partSize), lastLength);
    checkCoverage(size, partSize);
}

void TestPartPlanner::coverageProperty()
{
    // Small part sizes keep the loops short while exercising every edge (remainders 0, 1, p-1).
    QRandomGenerator random(20250522);
    for (const qint64 partSize :
         {qint64(1), qint64(2), qint64(3), qint64(7), qint64(1000), qint64(4096)}) {
        for (qint64 size = 0; size <= 5 * partSize + 2; ++size) {
            checkCoverage(size, partSize);
            if (QTest::currentTestFailed())
                return;
        }
        for (int i = 0; i < 200; ++i) {
            checkCoverage(qint64(random.bounded(qint64(1), qint64(500) * partSize)), partSize);
            if (QTest::currentTestFailed())
                return;
        }
    }
    // And with the real planner over many file sizes up to the API maximum.
    for (int i = 0; i < 300; ++i) {
        const qint64 size = i < 10 ? qint64(i) : random.bounded(qint64(0), kApiMax + 1);
        const qint64 partSize = PartPlanner::partSizeFor(size);
        QVERIFY(partSize > 0);
        QVERIFY(PartPlanner::partCount(size, partSize) <= PartPlanner::kMaxParts);
        checkCoverage(size, partSize);
        if (QTest::currentTestFailed())
            return;
    }
}

void TestPartPlanner::coverageOfLargeFiles()
{
    for (const qint64 size : {10 * MiB + 1, GiB, qint64(97.7 * GiB), qint64(200'000'000'000),
                              qint64(1'000'000'000'000), kApiMax}) {
        const qint64 partSize = PartPlanner::partSizeFor(size);
        checkCoverage(size, partSize);
        if (QTest::currentTestFailed())
            return;
    }
}

QTEST_GUILESS_MAIN(TestPartPlanner)
#include "tst_partplanner.moc"
