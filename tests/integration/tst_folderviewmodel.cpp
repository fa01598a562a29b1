// FolderViewModel, the details view's rows, over RemoteTreeModel and the in-process emulator:
// every column's order in both directions and the name filter, ordered on the spot (small
// folders) and on a worker (asyncThreshold 0), persistent indexes that follow their rows, rows
// that arrive, change and go while a worker sorts, a listing arriving in batches, the folder as
// the view's root (drops, header, flags) and a folder that goes away. The reference order is
// RemoteSortFilterProxy::sortsBefore on the source's rows, which orders listings as they come.
#include "models/FolderViewModel.h"
#include "models/RemoteSortFilterProxy.h"
#include "tests/integration/RemoteTreeModelFixture.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

class TestFolderViewModel : public QObject, private RemoteTreeModelFixture
{
    Q_OBJECT

    std::unique_ptr<FolderViewModel> view;
    std::unique_ptr<QAbstractItemModelTester> viewTester;

    void putAt(const QString &name, qint64 size, int minutesAgo)
    {
        put(name, QByteArray(int(size), 'x'));
        QFile file(f->data(name));
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.setFileTime(QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo),
                                 QFileDevice::FileModificationTime));
    }
    // 40 images, 12 .bin files, 6 text files, 5 folders: names with numbers, mixed case, sizes
    // and times that disagree with the names.
    void makeFolder()
    {
        for (int i = 1; i <= 40; ++i)
            putAt(QStringLiteral("img%1.png").arg(i), (i * 37) % 101, (i * 13) % 50);
        for (int i = 1; i <= 12; ++i)
            putAt(QStringLiteral("Weights-%1.bin").arg(i), 1000 + (i * 7) % 5, i);
        for (int i = 1; i <= 6; ++i)
            putAt(QStringLiteral("notes %1.txt").arg(i * 5), i, 60 - i);
        for (const char *dir : {"models", "Data10", "data9", "a", "zz"})
            QDir().mkpath(f->data(QString::fromLatin1(dir)));
        QVERIFY(list(model->rootIndex()));
    }
    bool settled()
    {
        return QTest::qWaitFor([&] { return !view->isArranging(); }, 20'000);
    }
    // What the rows should be: the source's, filtered and sorted by the reference rules.
    QStringList expected(const QModelIndex &folder, const QString &contains = {}) const
    {
        QList<FileSpec> specs;
        for (int row = 0; row < model->rowCount(folder); ++row) {
            const FileSpec *spec = model->specForIndex(model->index(row, 0, folder));
            if (contains.isEmpty() || spec->name.contains(contains, Qt::CaseInsensitive))
                specs.append(*spec);
        }
        std::sort(specs.begin(), specs.end(), [&](const FileSpec &a, const FileSpec &b) {
            return RemoteSortFilterProxy::sortsBefore(a, b, view->sortColumn(), view->sortOrder());
        });
        QStringList out;
        for (const FileSpec &spec : specs)
            out << spec.name;
        return out;
    }
    QStringList shown() const { return names(view.get(), {}); }
    // The reference for a filter as the view reads it: a substring, or with * a wildcard.
    QStringList expectedFiltered(const QModelIndex &folder, const QString &filter) const
    {
        if (!filter.startsWith(QLatin1Char('*')))
            return expected(folder, filter);
        QStringList out;
        for (const QString &name : expected(folder)) {
            if (name.endsWith(filter.mid(1), Qt::CaseInsensitive))
                out << name;
        }
        return out;
    }

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<RemotePath>(); }
    void init()
    {
        setUp();
        view = std::make_unique<FolderViewModel>();
        viewTester = std::make_unique<QAbstractItemModelTester>(
            view.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        view->setSourceModel(model.get());
    }
    void cleanup()
    {
        viewTester.reset();
        view.reset();
        tearDown();
    }

    void ordersEveryColumnBothWays_data()
    {
        QTest::addColumn<int>("threshold");
        QTest::newRow("on the spot") << 20'000;
        QTest::newRow("on a worker") << 0;
    }
    void ordersEveryColumnBothWays()
    {
        QFETCH(int, threshold);
        view->setAsyncThreshold(threshold);
        makeFolder();
        const QModelIndex root = model->rootIndex();
        view->setFolder(root);
        QVERIFY(settled());
        QCOMPARE(shown(), expected(root));
        for (int column = 0; column < RemoteTreeModel::ColumnCount; ++column) {
            for (const Qt::SortOrder order : {Qt::DescendingOrder, Qt::AscendingOrder}) {
                view->sort(column, order);
                QCOMPARE(view->isArranging(), threshold == 0);
                QVERIFY(settled());
                QCOMPARE(shown(), expected(root));
            }
        }
        QCOMPARE(shown().first(), QStringLiteral("a")); // folders first either way
        QCOMPARE(shown().size(), 63);
    }

    void filtersByNameAndPattern_data() { ordersEveryColumnBothWays_data(); }
    void filtersByNameAndPattern()
    {
        QFETCH(int, threshold);
        view->setAsyncThreshold(threshold);
        makeFolder();
        const QModelIndex root = model->rootIndex();
        view->setFolder(root);
        view->sort(RemoteTreeModel::SizeColumn, Qt::DescendingOrder);
        view->setNameFilter(QStringLiteral("IMG1"));
        QVERIFY(settled());
        QCOMPARE(shown(), expected(root, QStringLiteral("img1")));
        QCOMPARE(shown().size(), 11); // img1, img10..img19
        view->setNameFilter(QStringLiteral("*.bin"));
        QVERIFY(settled());
        QCOMPARE(shown(), expected(root, QStringLiteral(".bin")));
        // A pattern is the whole name: not "x.bin.bak"; "W?ights*" is what starts so.
        FileSpec bak;
        bak.path = p(QStringLiteral("x.bin.bak"));
        bak.name = bak.path.name();
        model->applyLocalInsert(bak);
        QVERIFY(settled());
        QVERIFY(!shown().contains(QStringLiteral("x.bin.bak")));
        QCOMPARE(shown().size(), 12);
        view->setNameFilter(QStringLiteral("W?ights*"));
        QVERIFY(settled());
        QCOMPARE(shown().size(), 12);
        view->setNameFilter(QStringLiteral("*ights"));
        QVERIFY(settled());
        QCOMPARE(view->rowCount(), 0);
        view->setNameFilter(QStringLiteral("no such name"));
        QVERIFY(settled());
        QCOMPARE(view->rowCount(), 0);
        view->setNameFilter(QString());
        QVERIFY(settled());
        QCOMPARE(shown(), expected(root));
    }

    void persistentIndexesFollowTheirRows_data() { ordersEveryColumnBothWays_data(); }
    void persistentIndexesFollowTheirRows()
    {
        QFETCH(int, threshold);
        view->setAsyncThreshold(threshold);
        makeFolder();
        view->setFolder(model->rootIndex());
        QVERIFY(settled());
        const QPersistentModelIndex img7
            = view->index(int(shown().indexOf(QStringLiteral("img7.png"))), 1);
        const QPersistentModelIndex img30
            = view->index(int(shown().indexOf(QStringLiteral("img30.png"))), 0);
        view->sort(RemoteTreeModel::NameColumn, Qt::DescendingOrder);
        QVERIFY(settled());
        QCOMPARE(QModelIndex(img7).siblingAtColumn(0).data().toString(),
                 QStringLiteral("img7.png"));
        QCOMPARE(img7.column(), 1);
        QCOMPARE(img30.data().toString(), QStringLiteral("img30.png"));
        view->setNameFilter(QStringLiteral("img3"));
        QVERIFY(settled());
        QVERIFY(!img7.isValid()); // filtered out
        QCOMPARE(img30.data().toString(), QStringLiteral("img30.png"));
        QCOMPARE(view->mapToSource(img30), model->indexForPath(p(QStringLiteral("img30.png"))));
        QCOMPARE(view->mapFromSource(model->indexForPath(p(QStringLiteral("img30.png")))),
                 QModelIndex(img30));
    }

    void rowsChangingWhileAWorkerSorts_data()
    {
        QTest::addColumn<int>("slice");
        QTest::newRow("while it sorts") << 0;
        QTest::newRow("while its copy is taken") << 10;
    }
    void rowsChangingWhileAWorkerSorts()
    {
        QFETCH(int, slice);
        if (slice > 0)
            view->setCopySliceRows(slice);
        view->setAsyncThreshold(0);
        makeFolder();
        const QModelIndex root = model->rootIndex();
        view->setFolder(root);
        QVERIFY(settled());
        view->sort(RemoteTreeModel::ModifiedColumn, Qt::AscendingOrder);
        QVERIFY(view->isArranging());
        // While the worker sorts its copy: a row arrives, one goes, one is renamed.
        FileSpec added;
        added.path = p(QStringLiteral("img5000.png"));
        added.name = added.path.name();
        added.size = 5;
        added.updated = QDateTime::currentDateTimeUtc().addDays(-30);
        model->applyLocalInsert(added);
        model->applyLocalRemove(p(QStringLiteral("img12.png")));
        model->applyLocalMove(p(QStringLiteral("notes 5.txt")), p(QStringLiteral("0 first.txt")));
        QVERIFY(view->isArranging());
        QVERIFY(settled());
        QCOMPARE(shown(), expected(root));
        QVERIFY(!shown().contains(QStringLiteral("img12.png")));
        QCOMPARE(shown().at(5), QStringLiteral("img5000.png")); // oldest, after the folders

        // And the same on the spot, with a filter that the rename leaves, then enters.
        view->setAsyncThreshold(20'000);
        view->setNameFilter(QStringLiteral("img"));
        QCOMPARE(shown(), expected(root, QStringLiteral("img")));
        model->applyLocalMove(p(QStringLiteral("img3.png")), p(QStringLiteral("pic3.png")));
        QCOMPARE(shown(), expected(root, QStringLiteral("img")));
        model->applyLocalMove(p(QStringLiteral("pic3.png")), p(QStringLiteral("img3.png")));
        QCOMPARE(shown(), expected(root, QStringLiteral("img")));
        QVERIFY(shown().contains(QStringLiteral("img3.png")));
    }

    // A row that leaves the filter (renamed) goes from where it is, as a deleted row does, so
    // the view keeps its current row beside it rather than at the end of the list.
    void aRowLeavingTheFilterGoesFromItsPlace()
    {
        makeFolder();
        view->setFolder(model->rootIndex());
        view->sort(RemoteTreeModel::NameColumn, Qt::DescendingOrder);
        view->setNameFilter(QStringLiteral("img2"));
        const int at = int(shown().indexOf(QStringLiteral("img25.png")));
        QVERIFY(at > 0 && at < view->rowCount() - 1);
        QSignalSpy removed(view.get(), &QAbstractItemModel::rowsAboutToBeRemoved);
        QSignalSpy layouts(view.get(), &QAbstractItemModel::layoutChanged);
        model->applyLocalMove(p(QStringLiteral("img25.png")), p(QStringLiteral("other.png")));
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.at(0).at(1).toInt(), at);
        QCOMPARE(removed.at(0).at(2).toInt(), at);
        QCOMPARE(layouts.size(), 0);
        QCOMPARE(shown(), expected(model->rootIndex(), QStringLiteral("img2")));
    }

    // Rows removed while the worker sorts its copy are renumbered in its answer (nothing else
    // changes, so no second order is asked for to hide a mistake).
    void removalsWhileAWorkerSortsAreRenumbered()
    {
        view->setAsyncThreshold(0);
        makeFolder();
        const QModelIndex root = model->rootIndex();
        view->setFolder(root);
        QVERIFY(settled());
        QSignalSpy arranged(view.get(), &FolderViewModel::arranged);
        view->sort(RemoteTreeModel::SizeColumn, Qt::DescendingOrder);
        QVERIFY(view->isArranging());
        model->applyLocalRemove(p(QStringLiteral("Data10"))); // near the start of the rows
        model->applyLocalRemove(p(QStringLiteral("img7.png")));
        model->applyLocalRemove(p(QStringLiteral("img8.png")));
        QVERIFY(settled());
        QCOMPARE(arranged.size(), 1);
        QCOMPARE(shown(), expected(root));
        QCOMPARE(view->rowCount(), 60);
    }

    // Random edits, sorts and filters, some landing while a worker orders the rows or while its
    // copy is taken, against the reference after each step settles (seeded: a failure repeats).
    void randomChangesKeepTheOrder_data()
    {
        QTest::addColumn<int>("seed");
        for (int seed = 1; seed <= 6; ++seed)
            QTest::newRow(qPrintable(QStringLiteral("seed %1").arg(seed))) << seed;
    }
    void randomChangesKeepTheOrder()
    {
        QFETCH(int, seed);
        QRandomGenerator random {quint32(seed)};
        view->setAsyncThreshold(seed % 2 ? 0 : 30);
        if (seed % 3 != 0) // else the copy is taken in one go and the worker runs at once
            view->setCopySliceRows(1 + int(random.bounded(20)));
        makeFolder();
        const QModelIndex root = model->rootIndex();
        view->setFolder(root);
        const QStringList filters {QString(), QStringLiteral("img"), QStringLiteral("1"),
                                   QStringLiteral("*.bin"), QStringLiteral("e")};
        QString filter;
        int made = 0;
        for (int step = 0; step < 60; ++step) {
            const QStringList names = expected(root);
            const QString some = names.at(int(random.bounded(int(names.size()))));
            switch (random.bounded(6)) {
            case 0: {
                FileSpec spec;
                spec.path = p(QStringLiteral("new%1-%2.bin").arg(seed).arg(made++));
                spec.name = spec.path.name();
                spec.size = random.bounded(2000);
                spec.updated = QDateTime::currentDateTimeUtc().addSecs(-random.bounded(9000));
                model->applyLocalInsert(spec);
                break;
            }
            case 1:
                model->applyLocalRemove(p(some));
                break;
            case 2:
                model->applyLocalMove(p(some),
                                      p(QStringLiteral("ren%1-%2.png").arg(seed).arg(made++)));
                break;
            case 3:
                view->sort(int(random.bounded(int(RemoteTreeModel::ColumnCount))),
                           random.bounded(2) ? Qt::AscendingOrder : Qt::DescendingOrder);
                break;
            default:
                filter = filters.at(int(random.bounded(int(filters.size()))));
                view->setNameFilter(filter);
                break;
            }
            if (random.bounded(3) == 0) { // sometimes the next change lands before this settles
                QVERIFY(settled());
                QCOMPARE(shown(), expectedFiltered(root, filter));
            }
        }
        QVERIFY(settled());
        QCOMPARE(shown(), expectedFiltered(root, filter));
    }

    void aListingArrivesInBatches_data()
    {
        QTest::addColumn<int>("threshold");
        QTest::addColumn<int>("order");
        QTest::newRow("on the spot, listing order") << 20'000 << int(Qt::AscendingOrder);
        QTest::newRow("on a worker, listing order") << 500 << int(Qt::AscendingOrder);
        QTest::newRow("on the spot, other order") << 20'000 << int(Qt::DescendingOrder);
        QTest::newRow("on a worker, other order") << 500 << int(Qt::DescendingOrder);
    }
    void aListingArrivesInBatches()
    {
        QFETCH(int, threshold);
        QFETCH(int, order);
        view->setAsyncThreshold(threshold);
        QDir().mkpath(f->data(QStringLiteral("many")));
        QVERIFY(list(model->rootIndex()));
        const QModelIndex many = model->indexForPath(p(QStringLiteral("many")));
        QVERIFY(list(many)); // empty; its 3000 rows come with the refresh below
        for (int i = 0; i < 3000; ++i)
            put(QStringLiteral("many/f%1.bin").arg(i));
        view->sort(RemoteTreeModel::NameColumn, Qt::SortOrder(order));
        // The model lists in its own order: the view's, or not (the view sorts them itself).
        model->setListingOrder([](const FileSpec &a, const FileSpec &b) {
            return RemoteSortFilterProxy::sortsBefore(a, b, RemoteTreeModel::NameColumn,
                                                      Qt::AscendingOrder);
        });
        model->setBatchSize(100);
        view->setFolder(many);
        QSignalSpy layouts(view.get(), &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(view.get(), &QAbstractItemModel::rowsInserted);
        model->refresh(many);
        QVERIFY(QTest::qWaitFor([&] { return !model->isBusy(); }, 20'000));
        QVERIFY(settled());
        QCOMPARE(view->rowCount(), 3000);
        QCOMPARE(shown(), expected(many));
        if (order == Qt::AscendingOrder)
            QCOMPARE(layouts.size(), 0); // every batch appended as it came
        QVERIFY(inserted.size() >= 30);
    }

    void theFolderIsTheRoot()
    {
        makeFolder();
        const QModelIndex root = model->rootIndex();
        const QModelIndex models = model->indexForPath(p(QStringLiteral("models")));
        view->setFolder(models); // empty: the header is still there
        QVERIFY(list(models));
        QCOMPARE(view->rowCount(), 0);
        QCOMPARE(view->headerData(RemoteTreeModel::SizeColumn, Qt::Horizontal),
                 model->headerData(RemoteTreeModel::SizeColumn, Qt::Horizontal));
        QVERIFY(view->flags({}).testFlag(Qt::ItemIsDropEnabled));
        QVERIFY(!view->mapFromSource(models).isValid());

        // Each row's flags are the source's (worked out without it, see flags()); none has
        // children in a list.
        view->setFolder(root);
        for (int row = 0; row < view->rowCount(); ++row) {
            for (int column = 0; column < RemoteTreeModel::ColumnCount; ++column) {
                const QModelIndex index = view->index(row, column);
                QCOMPARE(view->flags(index),
                         model->flags(view->mapToSource(index)) | Qt::ItemNeverHasChildren);
            }
        }

        // A drop on the empty space goes into the shown folder, one on a folder's row into it.
        QSignalSpy moves(model.get(), &RemoteTreeModel::moveRequested);
        std::unique_ptr<QMimeData> mime(view->mimeData(
            {view->mapFromSource(model->indexForPath(p(QStringLiteral("img1.png"))))}));
        QVERIFY(mime);
        const QModelIndex data9
            = view->mapFromSource(model->indexForPath(p(QStringLiteral("data9"))));
        QVERIFY(view->canDropMimeData(mime.get(), Qt::MoveAction, -1, -1, data9));
        QVERIFY(view->dropMimeData(mime.get(), Qt::MoveAction, -1, -1, data9));
        QCOMPARE(moves.size(), 1);
        QCOMPARE(moves.at(0).at(1).value<RemotePath>(), p(QStringLiteral("data9")));

        // The folder goes away: no rows, no folder.
        view->setFolder(models);
        model->applyLocalRemove(p(QStringLiteral("models")));
        QVERIFY(!view->folder().isValid());
        QCOMPARE(view->rowCount(), 0);
    }
};

QTEST_MAIN(TestFolderViewModel)
#include "tst_folderviewmodel.moc"
