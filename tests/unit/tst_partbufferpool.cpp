#include "network/io/PartBufferPool.h"

#include <QTest>

// The pool recycles a part body only once nobody else holds it: Qt's network thread may still read
// a body after its reply was aborted. (QByteArray's copy-on-write would protect the bytes anyway,
// at the price of a fresh allocation: the point is that the pool neither loses nor copies.)
class TestPartBufferPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void takeGivesTheSizeAsked()
    {
        PartBufferPool pool;
        const QByteArray buffer = pool.take(1000);
        QCOMPARE(buffer.size(), 1000);
        QVERIFY(buffer.isDetached());
    }

    void aFreeBufferIsReusedWithoutReallocating()
    {
        PartBufferPool pool;
        QByteArray buffer = pool.take(1 << 20);
        const char *memory = buffer.constData();
        pool.give(std::move(buffer));
        QCOMPARE(pool.kept(), 1);
        const QByteArray again = pool.take(1 << 20);
        QCOMPARE(again.constData(), memory);
        QCOMPARE(pool.kept(), 0);
        // A smaller part (a file's last one) fits in the same memory too.
        QByteArray last = pool.take(100);
        pool.give(std::move(last));
    }

    void aBufferStillSharedIsNotHandedOut()
    {
        PartBufferPool pool;
        QByteArray buffer = pool.take(4096);
        buffer.fill('x');
        const QByteArray heldByReply = buffer; // what Qt's upload device keeps
        pool.give(std::move(buffer));
        QByteArray next = pool.take(4096);
        QVERIFY(next.constData() != heldByReply.constData());
        next.fill('y');
        QCOMPARE(heldByReply, QByteArray(4096, 'x')); // the reply's bytes stayed as they were
        QCOMPARE(pool.kept(), 1);
    }

    void aBufferIsReusedOnceTheOtherHolderLetsGo()
    {
        PartBufferPool pool;
        QByteArray buffer = pool.take(4096);
        const char *memory = buffer.constData();
        auto *heldByReply = new QByteArray(buffer);
        pool.give(std::move(buffer));
        delete heldByReply; // the reply is deleted
        QCOMPARE(pool.take(4096).constData(), memory);
    }

    void keepsAtMostItsLimit()
    {
        PartBufferPool pool(2);
        for (int i = 0; i < 5; ++i)
            pool.give(QByteArray(64, 'a'));
        QCOMPARE(pool.kept(), 2);
    }

    void theLastUserFreesTheBuffers()
    {
        PartBufferPool pool;
        pool.addUser();
        pool.addUser();
        pool.give(QByteArray(64, 'a'));
        pool.removeUser();
        QCOMPARE(pool.kept(), 1); // one upload still running keeps its buffers
        pool.removeUser();
        QCOMPARE(pool.kept(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPartBufferPool)
#include "tst_partbufferpool.moc"
