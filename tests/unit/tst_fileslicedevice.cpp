// Unit tests for FileSliceDevice: a read-only window of a file that one multipart part streams
// from. QNetworkAccessManager reads it to the end, asks its size, and reset()s it on a retry.
#include "network/io/FileSliceDevice.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

class TestFileSliceDevice : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void readsExactlyItsWindow_data();
    void readsExactlyItsWindow();
    void smallReads();
    void seekAndReset();
    void seekOutOfRange();
    void sizeAndAtEnd();
    void readAfterEnd();
    void emptyWindow();
    void fileShorterThanWindowFailsToOpen_data();
    void fileShorterThanWindowFailsToOpen();
    void missingFileFailsToOpen();
    void negativeOffsetFailsToOpen();
    void refusesWriting();
    void reopenAfterClose();
    void readsLikeQnamOnRetry();

private:
    QTemporaryDir m_dir;
    QString m_path;
    QByteArray m_content;
};

void TestFileSliceDevice::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_content.resize(1'000'003);
    for (qsizetype i = 0; i < m_content.size(); ++i)
        m_content[i] = char((i * 7919 + i / 251) & 0xff);
    m_path = m_dir.filePath(QStringLiteral("source.bin"));
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(m_content), qint64(m_content.size()));
}

void TestFileSliceDevice::readsExactlyItsWindow_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("length");

    QTest::newRow("whole file") << qint64(0) << qint64(1'000'003);
    QTest::newRow("head") << qint64(0) << qint64(4096);
    QTest::newRow("middle") << qint64(333'333) << qint64(100'000);
    QTest::newRow("tail, to the last byte") << qint64(900'000) << qint64(100'003);
    QTest::newRow("one byte in the middle") << qint64(500'000) << qint64(1);
    QTest::newRow("last byte") << qint64(1'000'002) << qint64(1);
}

void TestFileSliceDevice::readsExactlyItsWindow()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, length);
    FileSliceDevice device(m_path, offset, length);
    QVERIFY2(device.open(QIODevice::ReadOnly), qPrintable(device.errorString()));
    QVERIFY(device.isOpen());
    QVERIFY(device.isReadable());
    QVERIFY(!device.isWritable());
    QVERIFY(!device.isSequential());
    QCOMPARE(device.pos(), qint64(0));
    QCOMPARE(device.size(), length);
    QCOMPARE(device.bytesAvailable(), length);
    const QByteArray read = device.readAll();
    QCOMPARE(read.size(), qsizetype(length));
    QVERIFY(read == m_content.mid(offset, length));
    QVERIFY(device.atEnd());
    QCOMPARE(device.pos(), length);
    QCOMPARE(device.bytesAvailable(), qint64(0));
}

void TestFileSliceDevice::smallReads()
{
    const qint64 offset = 12'345;
    const qint64 length = 70'001;
    FileSliceDevice device(m_path, offset, length);
    QVERIFY(device.open(QIODevice::ReadOnly));
    QByteArray collected;
    char buffer[997];
    for (;;) {
        const qint64 n = device.read(buffer, sizeof buffer);
        if (n <= 0)
            break;
        collected.append(buffer, n);
        QCOMPARE(device.pos(), qint64(collected.size()));
    }
    QCOMPARE(collected.size(), qsizetype(length));
    QVERIFY(collected == m_content.mid(offset, length));
    // A large read request at the end of the window does not spill into the rest of the file.
    QVERIFY(device.seek(length - 10));
    QByteArray big(100'000, '\0');
    QCOMPARE(device.read(big.data(), big.size()), qint64(10));
    QVERIFY(big.left(10) == m_content.mid(offset + length - 10, 10));
}

void TestFileSliceDevice::seekAndReset()
{
    const qint64 offset = 100'000;
    const qint64 length = 50'000;
    FileSliceDevice device(m_path, offset, length);
    QVERIFY(device.open(QIODevice::ReadOnly));

    QVERIFY(device.seek(1234));
    QCOMPARE(device.pos(), qint64(1234));
    QVERIFY(device.read(100) == m_content.mid(offset + 1234, 100));
    QCOMPARE(device.pos(), qint64(1334));

    // Backwards.
    QVERIFY(device.seek(10));
    QVERIFY(device.read(5) == m_content.mid(offset + 10, 5));

    // Read everything, then reset() as QNetworkAccessManager does before resending a body.
    device.readAll();
    QVERIFY(device.atEnd());
    QVERIFY(device.reset());
    QCOMPARE(device.pos(), qint64(0));
    QVERIFY(!device.atEnd());
    QVERIFY(device.readAll() == m_content.mid(offset, length));

    // Seek to the very end is allowed and reads nothing.
    QVERIFY(device.seek(length));
    QVERIFY(device.atEnd());
    QVERIFY(device.read(10).isEmpty());

    // peek does not move.
    QVERIFY(device.seek(42));
    QVERIFY(device.peek(8) == m_content.mid(offset + 42, 8));
    QCOMPARE(device.pos(), qint64(42));
    QVERIFY(device.read(8) == m_content.mid(offset + 42, 8));
}

void TestFileSliceDevice::seekOutOfRange()
{
    FileSliceDevice device(m_path, 1000, 100);
    QVERIFY(device.open(QIODevice::ReadOnly));
    QVERIFY(device.seek(50));
    QVERIFY(!device.seek(-1));
    QVERIFY(!device.seek(101));
    QVERIFY(!device.seek(1'000'000));
    // A refused seek leaves the position and what is read next unchanged.
    QCOMPARE(device.pos(), qint64(50));
    QVERIFY(device.read(10) == m_content.mid(1050, 10));
}

void TestFileSliceDevice::sizeAndAtEnd()
{
    FileSliceDevice device(m_path, 10, 20);
    QCOMPARE(device.size(), qint64(20)); // known before opening: QNAM asks for Content-Length
    QVERIFY(device.open(QIODevice::ReadOnly));
    QCOMPARE(device.size(), qint64(20));
    QVERIFY(!device.atEnd());
    QCOMPARE(device.read(19).size(), 19);
    QVERIFY(!device.atEnd());
    QCOMPARE(device.read(1).size(), 1);
    QVERIFY(device.atEnd());
    QCOMPARE(device.size(), qint64(20));
}

void TestFileSliceDevice::readAfterEnd()
{
    FileSliceDevice device(m_path, 0, 16);
    QVERIFY(device.open(QIODevice::ReadOnly));
    QCOMPARE(device.readAll().size(), 16);
    char c;
    QVERIFY(device.read(&c, 1) <= 0);
    QVERIFY(device.readAll().isEmpty());
    QVERIFY(!device.getChar(&c));
}

void TestFileSliceDevice::emptyWindow()
{
    FileSliceDevice device(m_path, 500, 0);
    QVERIFY(device.open(QIODevice::ReadOnly));
    QCOMPARE(device.size(), qint64(0));
    QVERIFY(device.atEnd());
    QVERIFY(device.readAll().isEmpty());

    // An empty window at the very end of a file, and of an empty file.
    FileSliceDevice atEnd(m_path, m_content.size(), 0);
    QVERIFY(atEnd.open(QIODevice::ReadOnly));
    QVERIFY(atEnd.readAll().isEmpty());
    const QString emptyPath = m_dir.filePath(QStringLiteral("empty.bin"));
    {
        QFile file(emptyPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    FileSliceDevice ofEmpty(emptyPath, 0, 0);
    QVERIFY(ofEmpty.open(QIODevice::ReadOnly));
    QVERIFY(ofEmpty.readAll().isEmpty());
}

void TestFileSliceDevice::fileShorterThanWindowFailsToOpen_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("length");
    QTest::newRow("one byte too long") << qint64(0) << qint64(1'000'004);
    QTest::newRow("tail one byte too long") << qint64(900'000) << qint64(100'004);
    QTest::newRow("offset past the end") << qint64(2'000'000) << qint64(10);
    QTest::newRow("offset past the end, empty") << qint64(1'000'004) << qint64(0);
}

void TestFileSliceDevice::fileShorterThanWindowFailsToOpen()
{
    QFETCH(qint64, offset);
    QFETCH(qint64, length);
    FileSliceDevice device(m_path, offset, length);
    QVERIFY(!device.open(QIODevice::ReadOnly));
    QVERIFY(!device.isOpen());
    QVERIFY(!device.errorString().isEmpty());
}

void TestFileSliceDevice::missingFileFailsToOpen()
{
    FileSliceDevice device(m_dir.filePath(QStringLiteral("missing.bin")), 0, 10);
    QVERIFY(!device.open(QIODevice::ReadOnly));
    QVERIFY(!device.isOpen());
    QVERIFY(!device.errorString().isEmpty());
}

void TestFileSliceDevice::negativeOffsetFailsToOpen()
{
    // E.g. PartPlanner::partOffset(0, size) for a part numbered from 0 by mistake. A failed
    // open() must leave the device closed, like every QIODevice.
    FileSliceDevice device(m_path, -4096, 8192);
    QVERIFY(!device.open(QIODevice::ReadOnly));
    QVERIFY(!device.isOpen());
}

void TestFileSliceDevice::refusesWriting()
{
    for (const QIODevice::OpenMode mode :
         {QIODevice::OpenMode(QIODevice::WriteOnly), QIODevice::OpenMode(QIODevice::ReadWrite)}) {
        FileSliceDevice device(m_path, 0, 10);
        QVERIFY(!device.open(mode));
        QVERIFY(!device.isOpen());
        QVERIFY(!device.errorString().isEmpty());
    }
    // And the source file is untouched.
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == m_content);
}

void TestFileSliceDevice::reopenAfterClose()
{
    FileSliceDevice device(m_path, 77, 1000);
    QVERIFY(device.open(QIODevice::ReadOnly));
    QVERIFY(device.seek(500));
    device.close();
    QVERIFY(!device.isOpen());
    QVERIFY(device.open(QIODevice::ReadOnly));
    QCOMPARE(device.pos(), qint64(0));
    QVERIFY(device.readAll() == m_content.mid(77, 1000));
}

void TestFileSliceDevice::readsLikeQnamOnRetry()
{
    // Three passes as a request that is sent, dropped and resent twice: each pass sends the
    // same bytes, and the size never changes.
    FileSliceDevice device(m_path, 250'000, 300'000);
    QVERIFY(device.open(QIODevice::ReadOnly));
    const QByteArray expected = m_content.mid(250'000, 300'000);
    for (int pass = 0; pass < 3; ++pass) {
        QVERIFY(device.reset());
        QByteArray sent;
        while (!device.atEnd()) {
            const QByteArray chunk = device.read(16 * 1024);
            QVERIFY(!chunk.isEmpty());
            sent += chunk;
            if (pass == 1 && sent.size() > 100'000)
                break; // the connection dropped midway
        }
        QCOMPARE(device.size(), qint64(300'000));
        if (pass != 1)
            QVERIFY(sent == expected);
    }
}

QTEST_GUILESS_MAIN(TestFileSliceDevice)
#include "tst_fileslicedevice.moc"
