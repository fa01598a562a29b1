// Folder sizes in the model (FolderSizeCache through RemoteTreeModel) and the Storage view's
// breakdown (StorageBreakdown), against the in-process emulator: the sizes of a small nested
// tree, "…" before they are known, sorting by them, the cache answering a second time without a
// walk, walks cancelled (on the wire) when the user leaves the folder, sizes measured again after
// the app's own changes, and a failed walk shown as "?" with its reason.
#include "models/FolderSizeCache.h"
#include "models/RemoteSortFilterProxy.h"
#include "models/StorageBreakdown.h"
#include "network/text/TextFormat.h"
#include "tests/integration/RemoteTreeModelFixture.h"

class TestFolderSizes : public QObject, private RemoteTreeModelFixture
{
    Q_OBJECT

    FolderSizeCache *sizes() const { return model->folderSizes(); }
    QModelIndex at(const QString &path, int column = 0) const
    {
        return model->indexForPath(p(path), column);
    }
    bool known(const QString &path) const { return sizes()->entry(p(path)).known; }
    int listsOf(const QString &relative) const
    {
        int n = 0;
        for (const auto &entry : f->server().requestLog()) {
            if (entry.target.endsWith(QStringLiteral("/list/") + relative))
                ++n;
        }
        return n;
    }
    // Lists a folder as the window does when it is opened (fetchMore, never a refresh, which
    // would measure its sizes again) and waits for its rows.
    bool open(const QString &path)
    {
        const QModelIndex folder = at(path);
        if (model->canFetchMore(folder))
            model->fetchMore(folder);
        return QTest::qWaitFor(
            [&] {
                return folder.data(RemoteTreeModel::ListedRole).toBool()
                    && !folder.data(RemoteTreeModel::LoadingRole).toBool();
            },
            10'000);
    }
    // /data: a/ (x 10 B, b/ (y 20 B, c/ (z 30 B))), big/ (one file of 1000 B), empty/, f 7 B.
    void makeTree()
    {
        put(QStringLiteral("a/x"), QByteArray(10, 'x'));
        put(QStringLiteral("a/b/y"), QByteArray(20, 'y'));
        put(QStringLiteral("a/b/c/z"), QByteArray(30, 'z'));
        put(QStringLiteral("big/w"), QByteArray(1000, 'w'));
        QDir().mkpath(f->data(QStringLiteral("empty")));
        put(QStringLiteral("f"), QByteArray(7, 'f'));
        QVERIFY(list(model->rootIndex()));
    }
    bool measured(const QStringList &paths)
    {
        return QTest::qWaitFor(
            [&] {
                for (const QString &path : paths) {
                    if (!known(path))
                        return false;
                }
                return true;
            },
            20'000);
    }

private Q_SLOTS:
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void sizesOfANestedTree()
    {
        makeTree();
        QCOMPARE(at(QStringLiteral("/data/a"), RemoteTreeModel::SizeColumn).data().toString(),
                 QString()); // never asked for, never listed: nothing to say
        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        model->measureChildren(model->rootIndex());
        // Queued or under way: "…" until the walk is done.
        QCOMPARE(at(QStringLiteral("/data/a"), RemoteTreeModel::SizeColumn).data().toString(),
                 QStringLiteral("…"));
        QVERIFY(measured({QStringLiteral("/data/a"), QStringLiteral("/data/big"),
                          QStringLiteral("/data/empty")}));
        const QModelIndex a = at(QStringLiteral("/data/a"), RemoteTreeModel::SizeColumn);
        QCOMPARE(a.data().toString(), TextFormat::size(60));
        QCOMPARE(a.data(RemoteTreeModel::SizeRole).toLongLong(), 60);
        QVERIFY(
            a.data(Qt::ToolTipRole)
                .toString()
                .startsWith(TextFormat::files(3) + QStringLiteral(", ") + TextFormat::folders(2)));
        const FolderSizeCache::Entry entry = sizes()->entry(p(QStringLiteral("/data/a")));
        QCOMPARE(entry.size.files, 3);
        QCOMPARE(entry.size.folders, 2);
        QCOMPARE(sizes()->entry(p(QStringLiteral("/data/empty"))).size.bytes, 0);
        QCOMPARE(at(QStringLiteral("/data/big"), RemoteTreeModel::SizeColumn).data().toString(),
                 TextFormat::size(1000));
        QCOMPARE(at(QStringLiteral("/data/f"), RemoteTreeModel::SizeColumn).data().toString(),
                 TextFormat::size(7)); // files as before
        bool sawSizeCell = false;
        for (const auto &args : changed)
            sawSizeCell |= args.at(0).toModelIndex() == a;
        QVERIFY(sawSizeCell);
        QVERIFY(sizes()->walksStarted() <= 3);
    }

    void sortsFoldersBySizeOnceKnown()
    {
        makeTree();
        RemoteSortFilterProxy proxy;
        proxy.setSourceModel(model.get());
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(RemoteTreeModel::SizeColumn, Qt::DescendingOrder);
        model->measureChildren(model->rootIndex());
        QVERIFY(measured({QStringLiteral("/data/a"), QStringLiteral("/data/big"),
                          QStringLiteral("/data/empty")}));
        const QModelIndex root = proxy.mapFromSource(model->rootIndex());
        // Folders first in either direction, then by size: big (1000), a (60), empty (0).
        QCOMPARE(names(&proxy, root),
                 QStringList({QStringLiteral("big"), QStringLiteral("a"), QStringLiteral("empty"),
                              QStringLiteral("f")}));
        proxy.sort(RemoteTreeModel::SizeColumn, Qt::AscendingOrder);
        QCOMPARE(
            names(&proxy, root).mid(0, 3),
            QStringList({QStringLiteral("empty"), QStringLiteral("a"), QStringLiteral("big")}));
    }

    void theCacheAnswersASecondTime()
    {
        makeTree();
        model->measureChildren(model->rootIndex());
        QVERIFY(measured({QStringLiteral("/data/a"), QStringLiteral("/data/big"),
                          QStringLiteral("/data/empty")}));
        const int walks = sizes()->walksStarted();
        QCOMPARE(walks, 3);
        const int requests = int(f->server().requestLog().size());
        const int bigListed = listsOf(QStringLiteral("big")); // by the model and by the walk
        // Into a and back, as a person browses: a's folders are walked, /data's are not again.
        QVERIFY(open(QStringLiteral("/data/a")));
        model->measureChildren(at(QStringLiteral("/data/a")));
        QVERIFY(measured({QStringLiteral("/data/a/b")}));
        model->measureChildren(model->rootIndex());
        QCOMPARE(sizes()->walksStarted(), walks + 1); // a/b only
        QCOMPARE(sizes()->waitingWalks() + sizes()->runningWalks(), 0);
        QCOMPARE(at(QStringLiteral("/data/a"), RemoteTreeModel::SizeColumn).data().toString(),
                 TextFormat::size(60));
        QVERIFY(int(f->server().requestLog().size()) > requests);
        QCOMPARE(listsOf(QStringLiteral("big")), bigListed); // not walked again
    }

    void leavingTheFolderCancelsItsWalks()
    {
        makeTree();
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 200; // each listing takes a while: a walk of a/ takes three of them
        f->server().setFaults(slow);
        model->measureChildren(model->rootIndex());
        QCOMPARE(sizes()->runningWalks(), 2); // a/ and big/; empty/ waits its turn
        QCOMPARE(sizes()->waitingWalks(), 1);
        QCOMPARE(at(QStringLiteral("/data/a"), RemoteTreeModel::SizeColumn).data().toString(),
                 QStringLiteral("…"));
        // The person goes into empty/ before the walks are done.
        QVERIFY(QTest::qWaitFor([&] { return sizes()->runningWalks() == 2; }, 1'000));
        model->measureChildren(at(QStringLiteral("/data/empty")));
        QCOMPARE(sizes()->runningWalks(), 0);
        QCOMPARE(sizes()->waitingWalks(), 0);
        QCOMPARE(sizes()->walksCancelled(), 2);
        QVERIFY(!known(QStringLiteral("/data/a")));
        QCOMPARE(at(QStringLiteral("/data/a"), RemoteTreeModel::SizeColumn).data().toString(),
                 QString()); // no longer "…"
        // Listings sent one after another after the cancel, each as slow as the walk's: by the
        // third, a walk still running would have asked for a/b and a/b/c long ago. The model
        // lists them once itself (QAbstractItemModelTester opens every folder); the walk, which
        // would list them a second time, never does.
        for (int i = 0; i < 3; ++i)
            QVERIFY(list(at(QStringLiteral("/data/empty"))));
        QVERIFY(QTest::qWaitFor([&] { return listsOf(QStringLiteral("a/b/c")) == 1; }, 5'000));
        QCOMPARE(listsOf(QStringLiteral("a/b")), 1);
        QCOMPARE(listsOf(QStringLiteral("a/b/c")), 1);
        QCOMPARE(sizes()->walksStarted(), 2); // empty/ was never walked: it left the queue
    }

    void theAppsOwnChangesAreMeasuredAgain()
    {
        makeTree();
        model->measureChildren(model->rootIndex());
        QVERIFY(measured({QStringLiteral("/data/a"), QStringLiteral("/data/big")}));
        QFile::remove(f->data(QStringLiteral("a/b/c/z")));
        model->applyLocalRemove(p(QStringLiteral("/data/a/b/c/z")));
        QVERIFY(!known(QStringLiteral("/data/a"))); // forgotten at once ...
        QVERIFY(known(QStringLiteral("/data/big"))); // ... and only what held it
        QVERIFY(measured({QStringLiteral("/data/a")}));
        QCOMPARE(sizes()->entry(p(QStringLiteral("/data/a"))).size.bytes, 30);
    }

    void aFailedWalkSaysWhy()
    {
        makeTree();
        RetryPolicy once = f->client()->retryPolicy();
        once.maxAttempts = 1;
        f->client()->setRetryPolicy(once);
        fal::emulator::FaultOptions broken;
        broken.errorRate = 1.0;
        f->server().setFaults(broken);
        model->measureChildren(model->rootIndex());
        QVERIFY(QTest::qWaitFor(
            [&] {
                const auto entry = sizes()->entry(p(QStringLiteral("/data/a")));
                return !entry.error.isEmpty() && !entry.measuring;
            },
            10'000));
        const QModelIndex a = at(QStringLiteral("/data/a"), RemoteTreeModel::SizeColumn);
        QCOMPARE(a.data().toString(), QStringLiteral("?"));
        QVERIFY2(a.data(Qt::ToolTipRole).toString().contains(QStringLiteral("not known")),
                 qPrintable(a.data(Qt::ToolTipRole).toString()));
        QCOMPARE(a.data(RemoteTreeModel::SizeRole).toLongLong(), 0);
    }

    void theBreakdownSumsTheFolder()
    {
        makeTree();
        StorageBreakdown breakdown(model.get());
        QSignalSpy changed(&breakdown, &StorageBreakdown::changed);
        breakdown.setFolder(RemotePath());
        QVERIFY(!changed.isEmpty()); // at once, before anything is measured
        QVERIFY(!breakdown.summary().complete());
        QVERIFY(QTest::qWaitFor([&] { return breakdown.summary().complete(); }, 20'000));
        const StorageBreakdown::Summary &summary = breakdown.summary();
        QCOMPARE(summary.bytes, 1000 + 60 + 7);
        QCOMPARE(summary.files, 5);
        QCOMPARE(summary.folders, 5); // a, a/b, a/b/c, big, empty
        QCOMPARE(summary.slices.size(), 4);
        QCOMPARE(summary.slices.first().name, QStringLiteral("big"));
        QCOMPARE(summary.slices.at(1).name, QStringLiteral("a"));
        QCOMPARE(summary.slices.at(2).name, QStringLiteral("f"));
    }

    void theBreakdownKeepsTheBiggestAndSumsTheRest()
    {
        for (int i = 0; i < StorageBreakdown::kTop + 5; ++i)
            put(QStringLiteral("many/file%1").arg(i), QByteArray(i + 1, 'm'));
        QVERIFY(list(model->rootIndex()));
        QVERIFY(list(at(QStringLiteral("/data/many"))));
        StorageBreakdown breakdown(model.get());
        breakdown.setFolder(p(QStringLiteral("/data/many")));
        QVERIFY(breakdown.summary().complete());
        const auto &slices = breakdown.summary().slices;
        QCOMPARE(slices.size(), StorageBreakdown::kTop + 1);
        QCOMPARE(slices.first().bytes, StorageBreakdown::kTop + 5);
        QCOMPARE(slices.last().otherItems, 5);
        QCOMPARE(slices.last().bytes, 1 + 2 + 3 + 4 + 5);
    }
};

QTEST_GUILESS_MAIN(TestFolderSizes)
#include "tst_foldersizes.moc"
