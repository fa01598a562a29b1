// RemoteTreeModel and RemoteSortFilterProxy against the in-process emulator: lazy listing,
// batches, refresh that reconciles, errors per folder, the app's own changes, reveal, drag and
// drop requests. QAbstractItemModelTester watches every model in every test.
#include "models/RemoteSortFilterProxy.h"
#include "models/RemoteTreeModel.h"
#include "network/api/DeleteJob.h"
#include "network/api/RenameJob.h"
#include "tests/support/ClientFixture.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

class TestRemoteTreeModel : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<RemoteTreeModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;

    void put(const QString &relative, const QByteArray &bytes = "x")
    {
        QDir().mkpath(QFileInfo(f->data(relative)).absolutePath());
        QFile file(f->data(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    static RemotePath p(const QString &text) { return *RemotePath::parse(text); }

    // Lists (or lists again) a folder and waits until every row of the answer is in.
    bool list(const QModelIndex &folder)
    {
        QSignalSpy loaded(model.get(), &RemoteTreeModel::folderLoaded);
        QSignalSpy failed(model.get(), &RemoteTreeModel::folderFailed);
        const RemotePath path = model->pathForIndex(folder);
        if (model->canFetchMore(folder))
            model->fetchMore(folder);
        else
            model->refresh(folder);
        auto done = [&] {
            for (const auto &args : loaded)
                if (args.at(0).value<RemotePath>() == path)
                    return true;
            return !failed.isEmpty();
        };
        if (!QTest::qWaitFor(done, 20'000))
            return false;
        return failed.isEmpty();
    }
    QStringList names(const QAbstractItemModel *m, const QModelIndex &parent) const
    {
        QStringList out;
        for (int row = 0; row < m->rowCount(parent); ++row)
            out << m->index(row, 0, parent).data(Qt::EditRole).toString();
        return out;
    }
    QStringList sortedNames(const QModelIndex &parent) const
    {
        QStringList out = names(model.get(), parent);
        out.sort();
        return out;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<RemotePath>(); }
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        model = std::make_unique<RemoteTreeModel>(f->client());
        tester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        tester.reset();
        model.reset();
        f.reset();
    }

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

    void ownChangesShowAtOnceAndWinOverStaleListings()
    {
        put(QStringLiteral("a.txt"));
        put(QStringLiteral("b.txt"));
        const QModelIndex root = model->rootIndex();
        QVERIFY(list(root));

        // The server still lists b.txt (as a lagging replica would); the app deleted it.
        model->applyLocalRemove(p(QStringLiteral("b.txt")));
        QCOMPARE(names(model.get(), root), QStringList {QStringLiteral("a.txt")});
        // And it created a folder the listing does not show yet.
        const FileSpec folder = FileSpec::folder(p(QStringLiteral("fresh")));
        model->applyLocalInsert(folder);
        QCOMPARE(sortedNames(root),
                 (QStringList {QStringLiteral("a.txt"), QStringLiteral("fresh")}));
        QVERIFY(list(root));
        QCOMPARE(sortedNames(root),
                 (QStringList {QStringLiteral("a.txt"), QStringLiteral("fresh")}));

        // Once the expectations run out, the server's word counts again.
        model->setLocalChangeGraceMs(0);
        model->applyLocalRemove(p(QStringLiteral("b.txt")));
        model->applyLocalInsert(folder);
        QVERIFY(list(root));
        QCOMPARE(sortedNames(root),
                 (QStringList {QStringLiteral("a.txt"), QStringLiteral("b.txt")}));
    }

    void renameMoveDeleteAgainstTheEmulator()
    {
        put(QStringLiteral("src/one.bin"));
        put(QStringLiteral("src/two.bin"));
        put(QStringLiteral("dst/other.bin"));
        const QModelIndex root = model->rootIndex();
        QVERIFY(list(root));
        QVERIFY(list(model->indexForPath(p(QStringLiteral("src")))));
        QVERIFY(list(model->indexForPath(p(QStringLiteral("dst")))));

        // Rename in place keeps the row (and so the selection).
        const QPersistentModelIndex one = model->indexForPath(p(QStringLiteral("src/one.bin")));
        RenameJob rename(f->client(), p(QStringLiteral("src/one.bin")),
                         p(QStringLiteral("src/uno.bin")));
        QVERIFY(f->run(&rename));
        model->applyLocalMove(rename.from(), rename.to());
        QVERIFY(one.isValid());
        QCOMPARE(one.data(RemoteTreeModel::PathRole).toString(),
                 QStringLiteral("/data/src/uno.bin"));
        QVERIFY(!model->indexForPath(p(QStringLiteral("src/one.bin"))).isValid());

        // A renamed folder carries its listed children along.
        RenameJob renameFolder(f->client(), p(QStringLiteral("src")), p(QStringLiteral("source")));
        QVERIFY(f->run(&renameFolder));
        model->applyLocalMove(renameFolder.from(), renameFolder.to());
        QCOMPARE(model->indexForPath(p(QStringLiteral("source/uno.bin")))
                     .data(RemoteTreeModel::PathRole)
                     .toString(),
                 QStringLiteral("/data/source/uno.bin"));

        // Move into another folder.
        RenameJob move(f->client(), p(QStringLiteral("source/two.bin")),
                       p(QStringLiteral("dst/two.bin")));
        QVERIFY(f->run(&move));
        model->applyLocalMove(move.from(), move.to());
        QVERIFY(!model->indexForPath(p(QStringLiteral("source/two.bin"))).isValid());
        QVERIFY(model->indexForPath(p(QStringLiteral("dst/two.bin"))).isValid());

        // Delete a folder.
        DeleteJob remove(f->client(), p(QStringLiteral("source")));
        QVERIFY(f->run(&remove));
        model->applyLocalRemove(remove.path());
        QVERIFY(!model->indexForPath(p(QStringLiteral("source"))).isValid());

        // The next listings agree with what the app showed.
        QVERIFY(list(root));
        QCOMPARE(sortedNames(root), (QStringList {QStringLiteral("dst")}));
        QVERIFY(list(model->indexForPath(p(QStringLiteral("dst")))));
        QCOMPARE(sortedNames(model->indexForPath(p(QStringLiteral("dst")))),
                 (QStringList {QStringLiteral("other.bin"), QStringLiteral("two.bin")}));
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

    void dragAndDropRequests()
    {
        put(QStringLiteral("a.txt"));
        put(QStringLiteral("dir/b.txt"));
        QVERIFY(list(model->rootIndex()));
        const QModelIndex a = model->indexForPath(p(QStringLiteral("a.txt")));
        const QModelIndex dir = model->indexForPath(p(QStringLiteral("dir")));
        std::unique_ptr<QMimeData> mime(model->mimeData({a, a.siblingAtColumn(1)}));
        QVERIFY(mime);
        QCOMPARE(mime->text(), QStringLiteral("/data/a.txt"));
        QVERIFY(!mime->hasUrls()); // remote paths are not local files
        QVERIFY(model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, dir));
        QVERIFY(!model->canDropMimeData(mime.get(), Qt::CopyAction, -1, -1, dir));
        QVERIFY(!model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, a)); // onto a file
        QVERIFY(!model->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1,
                                        model->rootIndex())); // already there

        std::unique_ptr<QMimeData> self(model->mimeData({dir}));
        QVERIFY(!model->canDropMimeData(self.get(), Qt::MoveAction, -1, -1, dir));

        QSignalSpy move(model.get(), &RemoteTreeModel::moveRequested);
        QVERIFY(model->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, dir));
        QCOMPARE(move.size(), 1);
        QCOMPARE(move.at(0).at(0).value<QList<RemotePath>>(),
                 QList<RemotePath> {p(QStringLiteral("a.txt"))});
        QCOMPARE(move.at(0).at(1).value<RemotePath>(), p(QStringLiteral("dir")));

        QMimeData local;
        local.setUrls({QUrl::fromLocalFile(QStringLiteral("/tmp/x.bin")),
                       QUrl(QStringLiteral("https://example.com/y"))});
        QSignalSpy upload(model.get(), &RemoteTreeModel::uploadRequested);
        QVERIFY(model->dropMimeData(&local, Qt::CopyAction, -1, -1, dir));
        QCOMPARE(upload.at(0).at(0).toStringList(), QStringList {QStringLiteral("/tmp/x.bin")});

        QSignalSpy rename(model.get(), &RemoteTreeModel::renameRequested);
        QVERIFY(!model->setData(a, QStringLiteral("z.txt")));
        QCOMPARE(rename.size(), 1);
        QCOMPARE(rename.at(0).at(1).toString(), QStringLiteral("z.txt"));
    }

    void proxySortsFoldersFirstNaturallyAndFilters()
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

        // The filter applies to the shown folder's children; other folders stay navigable.
        proxy.sort(RemoteTreeModel::NameColumn, Qt::AscendingOrder);
        QVERIFY(list(model->indexForPath(p(QStringLiteral("alpha")))));
        proxy.setFilterFolder(root);
        proxy.setNameFilter(QStringLiteral("IMG"));
        QCOMPARE(names(&proxy, proxyRoot),
                 (QStringList {QStringLiteral("Img1.png"), QStringLiteral("img2.png"),
                               QStringLiteral("img10.png")}));
        proxy.setNameFilter(QStringLiteral("*.bin"));
        QCOMPARE(names(&proxy, proxyRoot), QStringList {QStringLiteral("big.bin")});
        proxy.setFilterFolder(model->indexForPath(p(QStringLiteral("alpha"))));
        QCOMPARE(names(&proxy, proxyRoot).size(), 6);

        // The listing order is the view's order: rows that arrive land as one block.
        proxy.setNameFilter(QString());
        model->setListingOrder(proxy.listingOrder());
        for (int i = 0; i < 30; ++i)
            put(QStringLiteral("many/f%1.txt").arg(i));
        QVERIFY(list(root));
        const QModelIndex many = model->indexForPath(p(QStringLiteral("many")));
        QSignalSpy proxyInserted(&proxy, &QAbstractItemModel::rowsInserted);
        proxy.rowCount(proxy.mapFromSource(many)); // the proxy maps the folder before its rows come
        QVERIFY(list(many));
        QCOMPARE(proxy.rowCount(proxy.mapFromSource(many)), 30);
        QCOMPARE(proxyInserted.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRemoteTreeModel)
#include "tst_remotetreemodel.moc"
