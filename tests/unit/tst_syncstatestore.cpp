// SyncStateStore: the local hash cache answers only for the same path, size and mtime; records
// are per pair; removing a folder's records removes what is below it and nothing beside it.
#include "network/sync/SyncStateStore.h"

#include <QTemporaryDir>
#include <QTest>

class TestSyncStateStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void localHashNeedsTheSameSizeAndTime()
    {
        SyncStateStore store(m_dir.filePath(QStringLiteral("a.sqlite")));
        QVERIFY(store.open());
        store.storeLocalHash(QStringLiteral("/x/file"), 10, 1000, QStringLiteral("abc"));
        QCOMPARE(store.localHash(QStringLiteral("/x/file"), 10, 1000), QStringLiteral("abc"));
        QVERIFY(!store.localHash(QStringLiteral("/x/file"), 11, 1000));
        QVERIFY(!store.localHash(QStringLiteral("/x/file"), 10, 1001));
        QVERIFY(!store.localHash(QStringLiteral("/x/other"), 10, 1000));
    }

    void recordsArePerPairAndRemovedByFolder()
    {
        const QString path = m_dir.filePath(QStringLiteral("b.sqlite"));
        const QString pair = SyncStateStore::pairKey(QStringLiteral("acct"), QStringLiteral("/l"),
                                                     QStringLiteral("/data/r"));
        const QString other = SyncStateStore::pairKey(QStringLiteral("acct"), QStringLiteral("/l"),
                                                      QStringLiteral("/data/s"));
        {
            SyncStateStore store(path);
            QVERIFY(store.open());
            QHash<QString, SyncStateStore::Record> records;
            for (const char *name : {"a", "a/x", "a/y/z", "ab/x", "a0", "b"})
                records.insert(QString::fromLatin1(name), {1, 2, 1, 3});
            store.storeRecords(pair, records);
            store.storeRecords(other, {{QStringLiteral("a/x"), {1, 2, 1, -1}}});
        }
        SyncStateStore store(path); // kept across runs
        QVERIFY(store.open());
        QCOMPARE(store.records(pair).size(), 6);
        store.removeRecords(pair, {QStringLiteral("a")});
        QStringList left = store.records(pair).keys();
        left.sort();
        QCOMPARE(left, QStringList({"a0", "ab/x", "b"}));
        QCOMPARE(store.records(other).value(QStringLiteral("a/x")).remoteMtimeMs, -1);
    }

    void folderHashNeedsTheSameFingerprint()
    {
        SyncStateStore store(m_dir.filePath(QStringLiteral("c.sqlite")));
        QVERIFY(store.open());
        store.storeFolderHash(QStringLiteral("/l"), QStringLiteral("print1"), QStringLiteral("h"));
        QCOMPARE(store.folderHash(QStringLiteral("/l"), QStringLiteral("print1")),
                 QStringLiteral("h"));
        QVERIFY(!store.folderHash(QStringLiteral("/l"), QStringLiteral("print2")));
    }
};

QTEST_GUILESS_MAIN(TestSyncStateStore)
#include "tst_syncstatestore.moc"
