// RemoteTreeModel against the in-process emulator, what the app changes: its own changes shown
// at once and winning over stale listings, rename, move and delete jobs against the emulator,
// and drag and drop requests. What the server lists: tst_remotetreemodel_listing.
// QAbstractItemModelTester watches the model in every test.
#include "models/RemoteTreeModel.h"
#include "network/api/DeleteJob.h"
#include "network/api/RenameJob.h"
#include "tests/integration/RemoteTreeModelFixture.h"

#include <QDir>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

class TestRemoteTreeModelEdits : public QObject, private RemoteTreeModelFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<RemotePath>(); }
    void init() { setUp(); }
    void cleanup() { tearDown(); }

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

    // A move into a folder never listed, then the opposite move (an undo): the file shows again
    // where it was, at once and after a listing, though the first move said "gone from here".
    void aMoveBackFromAnUnlistedFolderShowsTheFile()
    {
        // The tester lists every folder it sees; this case is about one never opened. The same
        // model runs under the tester in every other test here.
        tester.reset();
        put(QStringLiteral("a.txt"));
        QVERIFY(QDir().mkpath(f->data(QStringLiteral("q"))));
        const QModelIndex root = model->rootIndex();
        QVERIFY(list(root));
        QVERIFY(model->indexForPath(p(QStringLiteral("q"))).isValid());
        model->applyLocalMove(p(QStringLiteral("a.txt")), p(QStringLiteral("q/a.txt")));
        QCOMPARE(names(model.get(), root), QStringList {QStringLiteral("q")});
        QVERIFY(!model->indexForPath(p(QStringLiteral("q/a.txt"))).isValid()); // q not listed
        model->applyLocalMove(p(QStringLiteral("q/a.txt")), p(QStringLiteral("a.txt")));
        QCOMPARE(sortedNames(root), (QStringList {QStringLiteral("a.txt"), QStringLiteral("q")}));
        QVERIFY(list(root)); // the server has it back: the listing agrees
        QCOMPARE(sortedNames(root), (QStringList {QStringLiteral("a.txt"), QStringLiteral("q")}));
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
};

QTEST_GUILESS_MAIN(TestRemoteTreeModelEdits)
#include "tst_remotetreemodel_edits.moc"
