// RemoteTreeModel and RemoteSortFilterProxy against the in-process emulator, what the server
// lists: lazy listing, batches, refresh that reconciles, errors per folder, reveal, vanished
// folders, and the proxy's order (the name filter: tst_folderviewmodel). The app's own changes
// and drag and drop: tst_remotetreemodel_edits. QAbstractItemModelTester watches every model in
// every test.
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "tests/integration/RemoteTreeModelFixture.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

class TestRemoteTreeModelListing : public QObject, private RemoteTreeModelFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<RemotePath>(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

    void lazyRootAndRawRoles()
    {
        put(QStringLiteral("models/a.safetensors"), QByteArray(1234, 'a'));
        put(QStringLiteral("models/sub/deep.gguf"));
        put(QStringLiteral("README.txt"), "hello");

        {
            // Lazy: nothing is asked for until a view wants it. (The tester below fetches
            // everything it sees, so laziness is checked on a model it does not watch.)
            RemoteTreeModel lazy(f->client());
            QCOMPARE(lazy.rowCount(), 1);
            const QModelIndex root = lazy.rootIndex();
            QVERIFY(lazy.hasChildren(root));
            QVERIFY(lazy.canFetchMore(root));
            QCOMPARE(lazy.rowCount(root), 0);
            // What the model may have queued for itself runs now: it must not have asked.
            QCoreApplication::sendPostedEvents();
            QCoreApplication::processEvents();
            QVERIFY(!root.data(RemoteTreeModel::LoadingRole).toBool());
            QVERIFY(!root.data(RemoteTreeModel::ListedRole).toBool());
            QCOMPARE(lazy.rowCount(root), 0);
            lazy.fetchMore(root);
            QVERIFY(root.data(RemoteTreeModel::LoadingRole).toBool());
            QTRY_VERIFY(root.data(RemoteTreeModel::ListedRole).toBool());
            const QModelIndex models = lazy.indexForPath(p(QStringLiteral("models")));
            QVERIFY(lazy.hasChildren(models));
            QVERIFY(lazy.canFetchMore(models));
            QVERIFY(!models.data(RemoteTreeModel::ListedRole).toBool());
            QCOMPARE(lazy.rowCount(models), 0);
        }
        QCOMPARE(model->rowCount(), 1);
        const QModelIndex root = model->rootIndex();
        QCOMPARE(root.data().toString(), QStringLiteral("/data"));
        QVERIFY(list(root));
        QCOMPARE(sortedNames(root),
                 (QStringList {QStringLiteral("README.txt"), QStringLiteral("models")}));
        QVERIFY(!model->canFetchMore(root));

        const QModelIndex models = model->indexForPath(p(QStringLiteral("models")));
        QVERIFY(models.isValid());
        QVERIFY(models.data(RemoteTreeModel::IsDirRole).toBool());
        QVERIFY(list(models));
        QCOMPARE(sortedNames(models),
                 (QStringList {QStringLiteral("a.safetensors"), QStringLiteral("sub")}));

        const QModelIndex weights = model->indexForPath(p(QStringLiteral("models/a.safetensors")));
        QCOMPARE(weights.data(RemoteTreeModel::SizeRole).toLongLong(), 1234);
        QCOMPARE(weights.data(RemoteTreeModel::SizeRole).metaType(), QMetaType::fromType<qint64>());
        QCOMPARE(weights.data(RemoteTreeModel::ModifiedRole).metaType(),
                 QMetaType::fromType<QDateTime>());
        QVERIFY(weights.data(RemoteTreeModel::ModifiedRole).toDateTime().isValid());
        QCOMPARE(weights.data(RemoteTreeModel::PathRole).toString(),
                 QStringLiteral("/data/models/a.safetensors"));
        QCOMPARE(weights.data(RemoteTreeModel::KindRole).toInt(), int(FileKind::Weights));
        QCOMPARE(weights.siblingAtColumn(RemoteTreeModel::TypeColumn).data().toString(),
                 QStringLiteral("Safetensors weights"));
        QVERIFY(!model->hasChildren(weights));
        QVERIFY(!model->canFetchMore(weights));
        QVERIFY(model->flags(weights).testFlag(Qt::ItemNeverHasChildren));
        QVERIFY(model->flags(models).testFlag(Qt::ItemIsDropEnabled));
        QVERIFY(!model->flags(root).testFlag(Qt::ItemIsDragEnabled));

        const auto stats = model->folderStats(models);
        QCOMPARE(stats.files, 1);
        QCOMPARE(stats.folders, 1);
        QCOMPARE(stats.bytes, 1234);

        // A listed empty folder has no children any more.
        QDir().mkpath(f->data(QStringLiteral("empty")));
        QVERIFY(list(root));
        const QModelIndex empty = model->indexForPath(p(QStringLiteral("empty")));
        QVERIFY(list(empty));
        QVERIFY(!model->hasChildren(empty));
        QVERIFY(empty.data(RemoteTreeModel::ErrorRole).toString().isEmpty());
    }

    void rowsArriveInBatches()
    {
        for (int i = 0; i < 2500; ++i)
            QFile(f->data(QStringLiteral("f%1.bin").arg(i))).open(QIODevice::WriteOnly);
        model->setBatchSize(1000);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        QVERIFY(list(model->rootIndex()));
        QCOMPARE(model->rowCount(model->rootIndex()), 2500);
        QCOMPARE(inserted.size(), 3);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 999);
        QCOMPARE(inserted.at(2).at(2).toInt(), 2499);
    }

    void refreshReconcilesByName()
    {
        put(QStringLiteral("keep.txt"), "1");
        put(QStringLiteral("change.txt"), "1");
        put(QStringLiteral("drop.txt"), "1");
        put(QStringLiteral("dir/inner.txt"), "1");
        const QModelIndex root = model->rootIndex();
        QVERIFY(list(root));
        QVERIFY(list(model->indexForPath(p(QStringLiteral("dir")))));
        const QPersistentModelIndex keep = model->indexForPath(p(QStringLiteral("keep.txt")));
        const QPersistentModelIndex change = model->indexForPath(p(QStringLiteral("change.txt")));
        const QPersistentModelIndex dir = model->indexForPath(p(QStringLiteral("dir")));
        const QPersistentModelIndex inner = model->indexForPath(p(QStringLiteral("dir/inner.txt")));
        QPersistentModelIndex drop = model->indexForPath(p(QStringLiteral("drop.txt")));
        QVERIFY(drop.isValid());

        QVERIFY(QFile::remove(f->data(QStringLiteral("drop.txt"))));
        put(QStringLiteral("change.txt"), "12345");
        put(QStringLiteral("new.txt"), "1");
        QSignalSpy removed(model.get(), &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        QVERIFY(list(root));

        QCOMPARE(sortedNames(root),
                 (QStringList {QStringLiteral("change.txt"), QStringLiteral("dir"),
                               QStringLiteral("keep.txt"), QStringLiteral("new.txt")}));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QVERIFY(!drop.isValid());
        QVERIFY(keep.isValid());
        QCOMPARE(keep.data(Qt::EditRole).toString(), QStringLiteral("keep.txt"));
        QCOMPARE(change.data(RemoteTreeModel::SizeRole).toLongLong(), 5);
        QVERIFY(std::any_of(changed.cbegin(), changed.cend(), [&](const QList<QVariant> &args) {
            return args.at(0).toModelIndex().row() == change.row()
                && args.at(0).toModelIndex().parent() == root;
        }));
        // The subfolder's own listing survives its parent's refresh.
        QVERIFY(dir.isValid());
        QVERIFY(inner.isValid());
        QCOMPARE(inner.data(RemoteTreeModel::PathRole).toString(),
                 QStringLiteral("/data/dir/inner.txt"));
    }

    void errorsPerFolderAndRetry()
    {
        RetryPolicy once = f->client()->retryPolicy();
        once.maxAttempts = 1;
        f->client()->setRetryPolicy(once);
        fal::emulator::FaultOptions faults;
        faults.errorRate = 1.0;
        f->server().setFaults(faults);
        const QModelIndex root = model->rootIndex();
        QSignalSpy failed(model.get(), &RemoteTreeModel::folderFailed);
        model->fetchMore(root);
        QVERIFY(failed.wait(10'000));
        const QString error = root.data(RemoteTreeModel::ErrorRole).toString();
        QVERIFY2(!error.isEmpty(), "a failed listing is never a silent empty folder");
        QCOMPARE(failed.at(0).at(1).toString(), error);
        QVERIFY(!root.data(RemoteTreeModel::LoadingRole).toBool());
        QVERIFY(!root.data(RemoteTreeModel::ListedRole).toBool());
        QVERIFY(model->hasChildren(root));
        QVERIFY(!model->canFetchMore(root)); // views must not retry in a loop
        QVERIFY(root.data(Qt::ToolTipRole).toString().contains(error));

        f->server().setFaults({});
        put(QStringLiteral("back.txt"));
        QVERIFY(list(root)); // the retry
        QVERIFY(root.data(RemoteTreeModel::ErrorRole).toString().isEmpty());
        QCOMPARE(names(model.get(), root), QStringList {QStringLiteral("back.txt")});
    }

    void wrongKeyIsAnErrorThenResetOnNewKey()
    {
        const Credentials good = f->client()->credentials();
        f->client()->setCredentials(
            *Credentials::fromKey(QStringLiteral("bad:key"), QStringLiteral("test")));
        QSignalSpy failed(model.get(), &RemoteTreeModel::folderFailed);
        model->fetchMore(model->rootIndex());
        QVERIFY(failed.wait(10'000));
        QVERIFY(!model->rootIndex().data(RemoteTreeModel::ErrorRole).toString().isEmpty());
        QSignalSpy reset(model.get(), &QAbstractItemModel::modelReset);
        f->client()->setCredentials(good);
        QCOMPARE(reset.size(), 1);
        QVERIFY(!model->rootIndex().data(RemoteTreeModel::ListedRole).toBool());
        QVERIFY(list(model->rootIndex()));
    }

    void revealListsTheWayDown()
    {
        put(QStringLiteral("a/b/c/file.txt"));
        QSignalSpy revealed(model.get(), &RemoteTreeModel::pathRevealed);
        QSignalSpy failed(model.get(), &RemoteTreeModel::revealFailed);
        model->revealPath(p(QStringLiteral("/data/a/b/c")));
        QVERIFY(revealed.wait(10'000));
        QCOMPARE(revealed.at(0).at(0).value<RemotePath>(), p(QStringLiteral("a/b/c")));
        QVERIFY(model->indexForPath(p(QStringLiteral("a/b/c"))).isValid());

        model->revealPath(p(QStringLiteral("a/nope/deeper")));
        QVERIFY(failed.wait(10'000));
        QVERIFY2(failed.at(0).at(1).toString().contains(QStringLiteral("nope")),
                 qPrintable(failed.at(0).at(1).toString()));

        // Something made elsewhere after the listing is found (listed once more before failing).
        put(QStringLiteral("a/late/x.txt"));
        model->revealPath(p(QStringLiteral("a/late")));
        QVERIFY(revealed.wait(10'000));
        QCOMPARE(revealed.last().at(0).value<RemotePath>(), p(QStringLiteral("a/late")));
    }

    void vanishedFolderIsGone()
    {
        put(QStringLiteral("tmp/x.txt"));
        QVERIFY(list(model->rootIndex()));
        const QModelIndex tmp = model->indexForPath(p(QStringLiteral("tmp")));
        QVERIFY(list(tmp));
        QVERIFY(QDir(f->data(QStringLiteral("tmp"))).removeRecursively());
        QSignalSpy gone(model.get(), &RemoteTreeModel::folderGone);
        model->refresh(tmp);
        QVERIFY(gone.wait(10'000));
        QVERIFY(!model->indexForPath(p(QStringLiteral("tmp"))).isValid());
    }

    void proxySortsFoldersFirstNaturally()
    {
        for (const char *name : {"img10.png", "img2.png", "Img1.png", "zeta", "alpha", "big.bin"})
            put(QString::fromLatin1(name)
                    + (QByteArray(name).contains('.') ? QString() : QStringLiteral("/x")),
                "1");
        put(QStringLiteral("big.bin"), QByteArray(100, 'b'));
        put(QStringLiteral("alpha/nested.png"));

        RemoteSortFilterProxy proxy;
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(model.get());
        RemoteSortFilterProxy folders;
        QAbstractItemModelTester foldersTester(
            &folders, QAbstractItemModelTester::FailureReportingMode::QtTest);
        folders.setFoldersOnly(true);
        folders.setSourceModel(model.get());

        const QModelIndex root = model->rootIndex();
        QVERIFY(list(root));
        const QModelIndex proxyRoot = proxy.mapFromSource(root);
        QCOMPARE(names(&proxy, proxyRoot),
                 (QStringList {QStringLiteral("alpha"), QStringLiteral("zeta"),
                               QStringLiteral("big.bin"), QStringLiteral("Img1.png"),
                               QStringLiteral("img2.png"), QStringLiteral("img10.png")}));
        proxy.sort(RemoteTreeModel::NameColumn, Qt::DescendingOrder);
        QCOMPARE(names(&proxy, proxyRoot).mid(0, 3),
                 (QStringList {QStringLiteral("zeta"), QStringLiteral("alpha"),
                               QStringLiteral("img10.png")}));
        proxy.sort(RemoteTreeModel::SizeColumn, Qt::DescendingOrder);
        QCOMPARE(names(&proxy, proxyRoot).at(2), QStringLiteral("big.bin"));
        QCOMPARE(names(&folders, folders.mapFromSource(root)),
                 (QStringList {QStringLiteral("alpha"), QStringLiteral("zeta")}));

        // The listing order is the view's order: rows that arrive land as one block.
        proxy.sort(RemoteTreeModel::NameColumn, Qt::AscendingOrder);
        model->setListingOrder(proxy.listingOrder());
        for (int i = 0; i < 30; ++i)
            put(QStringLiteral("many/f%1.txt").arg(i));
        QVERIFY(list(root));
        const QModelIndex many = model->indexForPath(p(QStringLiteral("many")));
        QSignalSpy proxyInserted(&proxy, &QAbstractItemModel::rowsInserted);
        proxy.rowCount(proxy.mapFromSource(many)); // the proxy maps the folder before its rows come
        QVERIFY(list(many));
        QCOMPARE(proxy.rowCount(proxy.mapFromSource(many)), 30);
        // Only many's: the testers list what they see (alpha's row may come meanwhile).
        int intoMany = 0;
        for (const auto &args : proxyInserted)
            intoMany += args.at(0).toModelIndex() == proxy.mapFromSource(many) ? 1 : 0;
        QCOMPARE(intoMany, 1);
    }
};

QTEST_GUILESS_MAIN(TestRemoteTreeModelListing)
#include "tst_remotetreemodel_listing.moc"
