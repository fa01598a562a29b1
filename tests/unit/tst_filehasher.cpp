// Unit tests for FileHasher: whole-file digests against known vectors and QCryptographicHash, and
// the one-pass part MD5s (the etags a multipart upload must get back), with progress and cancel.
#include "network/io/FileHasher.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

namespace {
constexpr qint64 MiB = 1024 * 1024;

QString md5(QByteArrayView bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
}
} // namespace

class TestFileHasher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void knownVectors_data();
    void knownVectors();
    void randomFileMatchesQCryptographicHash_data();
    void randomFileMatchesQCryptographicHash();
    void hashParts_data();
    void hashParts();
    void hashPartsEmptyFile();
    void nonPositivePartSizeIsAnError_data();
    void nonPositivePartSizeIsAnError();
    void missingFile();
    void directoryIsNotAFile();
    void cancelBeforeStart();
    void cancelDuringParts();

private:
    QString write(const QString &name, const QByteArray &bytes);
    QTemporaryDir m_dir;
    QByteArray m_random; // ~5.3 MiB of random bytes
    QString m_randomPath;
};

QString TestFileHasher::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestFileHasher::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_random.resize(5 * MiB + 333'333);
    QRandomGenerator random(42);
    random.fillRange(reinterpret_cast<quint32 *>(m_random.data()), m_random.size() / 4);
    for (qsizetype i = m_random.size() / 4 * 4; i < m_random.size(); ++i)
        m_random[i] = char(random.generate());
    m_randomPath = write(QStringLiteral("random.bin"), m_random);
}

void TestFileHasher::knownVectors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("md5");
    QTest::addColumn<QString>("sha256");

    QTest::newRow("empty") << QByteArray() << "d41d8cd98f00b204e9800998ecf8427e"
                           << "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    QTest::newRow("abc") << QByteArray("abc") << "900150983cd24fb0d6963f7d28e17f72"
                         << "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    QTest::newRow("fox") << QByteArray("The quick brown fox jumps over the lazy dog")
                         << "9e107d9d372bb6826bd81d3542a419d6"
                         << "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592";
    QTest::newRow("a million a")
        << QByteArray(1'000'000, 'a') << "7707d6ae4e027c70eea2a935c2296f21"
        << "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0";
}

void TestFileHasher::knownVectors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, md5);
    QFETCH(QString, sha256);
    const QString path
        = write(QStringLiteral("vector-%1.bin").arg(QTest::currentDataTag()), content);

    const auto m = FileHasher::hashFile(path, QCryptographicHash::Md5);
    QVERIFY2(m.error.isEmpty(), qPrintable(m.error));
    QCOMPARE(m.hex, md5);
    const auto s = FileHasher::hashFile(path, QCryptographicHash::Sha256);
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QCOMPARE(s.hex, sha256);
}

void TestFileHasher::randomFileMatchesQCryptographicHash_data()
{
    QTest::addColumn<QCryptographicHash::Algorithm>("algorithm");
    QTest::newRow("md5") << QCryptographicHash::Md5;
    QTest::newRow("sha256") << QCryptographicHash::Sha256;
    QTest::newRow("sha1") << QCryptographicHash::Sha1;
}

void TestFileHasher::randomFileMatchesQCryptographicHash()
{
    QFETCH(QCryptographicHash::Algorithm, algorithm);
    const auto result = FileHasher::hashFile(m_randomPath, algorithm);
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    const QString expected
        = QString::fromLatin1(QCryptographicHash::hash(m_random, algorithm).toHex());
    QCOMPARE(result.hex, expected);
    QCOMPARE(result.hex, result.hex.toLower());
}

void TestFileHasher::hashParts_data()
{
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("partSize");

    // The random file is 5 MiB + 333,333 bytes; these cut prefixes of it.
    QTest::newRow("one part, smaller than the part size") << qint64(1000) << MiB;
    QTest::newRow("one byte") << qint64(1) << MiB;
    QTest::newRow("exactly one part") << MiB << MiB;
    QTest::newRow("exactly four parts") << 4 * MiB << MiB;
    QTest::newRow("four parts and one byte") << 4 * MiB + 1 << MiB;
    QTest::newRow("part size not a block multiple") << 5 * MiB + 333'333 << qint64(1'500'001);
    QTest::newRow("part size below the block") << qint64(300'000) << qint64(65'537);
    QTest::newRow("tiny parts") << qint64(1000) << qint64(7);
    QTest::newRow("part size larger than a block, multiple") << 5 * MiB << 2 * MiB + MiB / 2;
    QTest::newRow("whole random file, 1 MiB") << 5 * MiB + 333'333 << MiB;
}

void TestFileHasher::hashParts()
{
    QFETCH(qint64, size);
    QFETCH(qint64, partSize);
    const QByteArray content = m_random.left(size);
    const QString path = write(QStringLiteral("parts.bin"), content);

    QList<int> numbers;
    QStringList reported;
    const auto result
        = FileHasher::hashParts(path, partSize, nullptr, [&](int n, const QString &md5) {
              numbers << n;
              reported << md5;
          });
    QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
    QCOMPARE(result.wholeMd5, md5(content));

    QStringList expected;
    for (qint64 offset = 0; offset < size; offset += partSize)
        expected << md5(content.mid(offset, qMin(partSize, size - offset)));
    QCOMPARE(result.partMd5s.size(), expected.size());
    QCOMPARE(result.partMd5s, expected);

    // onPart: once per part, in order, numbered from 1, with the same digests.
    QList<int> expectedNumbers;
    for (int n = 1; n <= expected.size(); ++n)
        expectedNumbers << n;
    QCOMPARE(numbers, expectedNumbers);
    QCOMPARE(reported, expected);
}

void TestFileHasher::hashPartsEmptyFile()
{
    // An empty file is one empty part (it goes as one simple upload, but the plan says 1 part).
    const QString path = write(QStringLiteral("empty.bin"), QByteArray());
    int calls = 0;
    const auto result = FileHasher::hashParts(path, MiB, nullptr, [&](int n, const QString &md5) {
        ++calls;
        QCOMPARE(n, 1);
        QCOMPARE(md5, QStringLiteral("d41d8cd98f00b204e9800998ecf8427e"));
    });
    QVERIFY(result.error.isEmpty());
    QCOMPARE(result.wholeMd5, QStringLiteral("d41d8cd98f00b204e9800998ecf8427e"));
    QCOMPARE(result.partMd5s, QStringList {QStringLiteral("d41d8cd98f00b204e9800998ecf8427e")});
    QCOMPARE(calls, 1);
}

void TestFileHasher::nonPositivePartSizeIsAnError_data()
{
    QTest::addColumn<qint64>("partSize");
    QTest::newRow("0") << qint64(0);
    // What PartPlanner::partSizeFor() answers for a file too big for the API.
    QTest::newRow("-1") << qint64(-1);
}

void TestFileHasher::nonPositivePartSizeIsAnError()
{
    // A part size that cannot cut the file must not produce digests at all, least of all the
    // digests of an empty file for a file of 5 MiB.
    QFETCH(qint64, partSize);
    const auto result = FileHasher::hashParts(m_randomPath, partSize);
    QVERIFY2(!result.error.isEmpty(),
             qPrintable(result.wholeMd5 + " " + result.partMd5s.join(' ')));
    QVERIFY(result.wholeMd5 != md5(QByteArray()));
}

void TestFileHasher::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("does-not-exist.bin"));
    const auto whole = FileHasher::hashFile(path, QCryptographicHash::Md5);
    QVERIFY(whole.hex.isEmpty());
    QVERIFY(!whole.error.isEmpty());
    QVERIFY2(whole.error.contains(path), qPrintable(whole.error));

    bool called = false;
    const auto parts
        = FileHasher::hashParts(path, MiB, nullptr, [&](int, const QString &) { called = true; });
    QVERIFY(!parts.error.isEmpty());
    QVERIFY(parts.wholeMd5.isEmpty());
    QVERIFY(parts.partMd5s.isEmpty());
    QVERIFY(!called);
}

void TestFileHasher::directoryIsNotAFile()
{
    const auto whole = FileHasher::hashFile(m_dir.path(), QCryptographicHash::Md5);
    QVERIFY(!whole.error.isEmpty());
    QVERIFY(whole.hex.isEmpty());
    const auto parts = FileHasher::hashParts(m_dir.path(), MiB);
    QVERIFY(!parts.error.isEmpty());
    QVERIFY(parts.wholeMd5.isEmpty());
}

void TestFileHasher::cancelBeforeStart()
{
    const std::atomic_bool cancel {true};
    const auto whole = FileHasher::hashFile(m_randomPath, QCryptographicHash::Sha256, &cancel);
    QVERIFY(whole.hex.isEmpty());
    QVERIFY(!whole.error.isEmpty());

    int calls = 0;
    const auto parts
        = FileHasher::hashParts(m_randomPath, MiB, &cancel, [&](int, const QString &) { ++calls; });
    QVERIFY(!parts.error.isEmpty());
    QVERIFY(parts.wholeMd5.isEmpty());
    QCOMPARE(calls, 0);

    // A flag that is not set changes nothing.
    const std::atomic_bool keepGoing {false};
    QCOMPARE(FileHasher::hashFile(m_randomPath, QCryptographicHash::Md5, &keepGoing).hex,
             md5(m_random));
}

void TestFileHasher::cancelDuringParts()
{
    // Cancel from the progress callback after part 2: no further part is reported, and the
    // result says it was cancelled instead of giving a whole-file digest.
    std::atomic_bool cancel {false};
    QList<int> numbers;
    const auto result
        = FileHasher::hashParts(m_randomPath, MiB / 2, &cancel, [&](int n, const QString &) {
              numbers << n;
              if (n == 2)
                  cancel = true;
          });
    QCOMPARE(numbers, (QList<int> {1, 2}));
    QVERIFY(!result.error.isEmpty());
    QVERIFY(result.wholeMd5.isEmpty());
}

QTEST_GUILESS_MAIN(TestFileHasher)
#include "tst_filehasher.moc"
