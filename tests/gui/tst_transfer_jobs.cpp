// The transfers dock shows one row per job (a folder, a selection, a command) with its files as
// children, a destination column that tells two uploads of one file apart, follows new jobs
// unless the user scrolled away, and gives the room back to the files in a small window. The
// model runs under QAbstractItemModelTester the whole time.
#include "models/TransferModel.h"
#include "network/transfer/TransferService.h"
#include "tests/gui/TransfersDockFixture.h"
#include "tests/support/ClientFixture.h"
#include "ui/DockRoom.h"
#include "ui/transfers/TransfersDock.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QHeaderView>
#include <QMainWindow>
#include <QScrollBar>
#include <QTest>
#include <QTreeView>

namespace {
using State = TransferItem::State;
} // namespace

class TestTransferJobs : public QObject, private TransfersDockFixture
{
    Q_OBJECT

private:
    TransferModel *model() const { return m_dock->model(); }
    QString text(const QModelIndex &row, int column) const
    {
        return row.siblingAtColumn(column).data().toString();
    }
    QString localFile(const QString &relative, qint64 size)
    {
        const QString path = f->scratch(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        return ClientFixture::writeRandomFile(path, size, quint32(qHash(relative))) ? path
                                                                                    : QString();
    }
    bool finished(qint64 batch)
    {
        return ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); },
                                        30'000);
    }

private Q_SLOTS:
    void init() { setUp(QSize(1000, 500), true); }
    void cleanup() { tearDown(); }

    // A dropped folder is one row named after it, going to the folder it was dropped on, with
    // its files (at any depth) as children that say where each lands.
    void aFolderIsOneRowWithItsFiles()
    {
        QVERIFY(!localFile(QStringLiteral("ds/a/one.bin"), 4096).isEmpty());
        QVERIFY(!localFile(QStringLiteral("ds/a/two.bin"), 8192).isEmpty());
        QVERIFY(!localFile(QStringLiteral("ds/three.bin"), 1000).isEmpty());
        const qint64 batch = m_transfers->upload({f->scratch(QStringLiteral("ds"))},
                                                 *RemotePath::parse(QStringLiteral("up")));
        QVERIFY(finished(batch));
        QTRY_COMPARE(model()->rowCount(), 1);
        const QModelIndex job = model()->index(0, 0);
        QTRY_COMPARE(model()->rowCount(job), 3);
        QCOMPARE(text(job, TransferModel::NameColumn), QStringLiteral("ds"));
        QCOMPARE(text(job, TransferModel::DirectionColumn), QStringLiteral("Upload"));
        QCOMPARE(text(job, TransferModel::DestinationColumn), QStringLiteral("/data/up"));
        QCOMPARE(job.data(TransferModel::FileCountRole).toInt(), 3);
        QCOMPARE(job.data(TransferModel::IdRole).toLongLong(), 0);
        QTRY_COMPARE(text(job, TransferModel::StateColumn), QStringLiteral("Done"));
        QCOMPARE(job.data(TransferModel::SizeRole).toLongLong(), 4096 + 8192 + 1000);
        const QString tip = job.data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("ds → /data/up")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("3 files")), qPrintable(tip));
        QStringList destinations;
        for (int row = 0; row < 3; ++row)
            destinations << text(model()->index(row, 0, job), TransferModel::DestinationColumn);
        destinations.sort();
        QCOMPARE(destinations,
                 (QStringList {QStringLiteral("/data/up/ds"), QStringLiteral("/data/up/ds/a"),
                               QStringLiteral("/data/up/ds/a")}));
        QCOMPARE(model()->itemIds(job), m_transfers->batchItems(batch));
    }

    // A folder is named as it was chosen, even when all it holds is one folder.
    void aFolderOfOneFolderIsNamedAsChosen()
    {
        QVERIFY(!localFile(QStringLiteral("up/nested/x.bin"), 100).isEmpty());
        QVERIFY(!localFile(QStringLiteral("up/nested/y.bin"), 200).isEmpty());
        const qint64 batch = m_transfers->upload({f->scratch(QStringLiteral("up"))}, RemotePath());
        QVERIFY(finished(batch));
        QTRY_COMPARE(model()->rowCount(), 1);
        const QModelIndex job = model()->index(0, 0);
        QTRY_COMPARE(model()->rowCount(job), 2);
        QCOMPARE(text(job, TransferModel::NameColumn), QStringLiteral("up"));
        QCOMPARE(text(job, TransferModel::DestinationColumn), QStringLiteral("/data"));
    }

    // A job whose files partly arrived and partly were cancelled ended well: "Done", 100%, and
    // it says what was cancelled.
    void aJobWithACancelledFileSaysSo()
    {
        m_transfers->setBandwidthLimits(256 * 1024, 0); // slow enough to cancel one first
        const QString first = localFile(QStringLiteral("c1.bin"), 64 * 1024);
        const QString second = localFile(QStringLiteral("c2.bin"), 4 * 1024 * 1024);
        const qint64 batch = m_transfers->upload({first, second}, RemotePath());
        QVERIFY(ClientFixture::waitUntil([&] { return m_transfers->batchItems(batch).size() == 2; },
                                         10'000));
        const qint64 big = m_transfers->batchItems(batch).at(1);
        m_transfers->cancel(big);
        m_transfers->setBandwidthLimits(0, 0);
        QVERIFY(finished(batch));
        QTRY_COMPARE(model()->rowCount(model()->index(0, 0)), 2);
        const QModelIndex job = model()->index(0, 0);
        QTRY_COMPARE(job.data(TransferModel::StateRole).toInt(), int(State::Done));
        QTRY_COMPARE(text(job, TransferModel::StateColumn),
                     QStringLiteral("Done · 1 of 2 files done, 1 cancelled"));
        QCOMPARE(text(job, TransferModel::ProgressColumn), QStringLiteral("100%"));
        QCOMPARE(job.data(TransferModel::ProgressRole).toDouble(), 1.0);
    }

    // The same file sent to two folders: two rows of the same name, told apart by where they go.
    void oneFileToTwoFoldersIsToldApart()
    {
        const QString big = localFile(QStringLiteral("big300.bin"), 300 * 1024);
        const qint64 first = m_transfers->upload({big}, *RemotePath::parse(QStringLiteral("x")));
        const qint64 second = m_transfers->upload({big}, *RemotePath::parse(QStringLiteral("y")));
        QVERIFY(finished(first) && finished(second));
        QTRY_COMPARE(model()->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            const QModelIndex index = model()->index(row, 0);
            QCOMPARE(model()->rowCount(index), 0); // one file: no children
            QCOMPARE(text(index, TransferModel::NameColumn), QStringLiteral("big300.bin"));
        }
        QCOMPARE(text(model()->index(0, 0), TransferModel::DestinationColumn),
                 QStringLiteral("/data/x"));
        QCOMPARE(text(model()->index(1, 0), TransferModel::DestinationColumn),
                 QStringLiteral("/data/y"));
    }

    // Files chosen one by one are "3 files"; a download's destination is the local folder.
    void aSelectionOfDownloadsIsOneRow()
    {
        QList<FileSpec> specs;
        for (const QString &name : {QStringLiteral("a.bin"), QStringLiteral("b.bin")}) {
            const QString local = localFile(name, 2048);
            QVERIFY(
                finished(m_transfers->upload({local}, RemotePath(), ConflictPolicy::Overwrite)));
            FileSpec spec;
            spec.path = RemotePath().child(name);
            spec.name = name;
            spec.isFile = true;
            spec.size = 2048;
            specs << spec;
        }
        m_transfers->clearFinished();
        QTRY_COMPARE(model()->rowCount(), 0);
        const QString into = f->scratch(QStringLiteral("into"));
        QVERIFY(QDir().mkpath(into));
        const qint64 batch = m_transfers->download(specs, into);
        QVERIFY(finished(batch));
        QTRY_COMPARE(model()->rowCount(), 1);
        const QModelIndex job = model()->index(0, 0);
        QTRY_COMPARE(model()->rowCount(job), 2);
        QCOMPARE(text(job, TransferModel::NameColumn), QStringLiteral("2 files"));
        QCOMPARE(text(job, TransferModel::DirectionColumn), QStringLiteral("Download"));
        QCOMPARE(text(job, TransferModel::DestinationColumn),
                 TransferJob::homeRelative(QFileInfo(into).absoluteFilePath()));
        QTRY_COMPARE(text(job, TransferModel::ProgressColumn), QStringLiteral("100%"));
    }

    // Forgetting files of a job takes their rows away; the last one left is the job's row again.
    // Selecting a job's row acts on all of its files.
    void aJobShrinksToItsLastFileAndActsAsOne()
    {
        QStringList files;
        for (int i = 0; i < 3; ++i)
            files << localFile(QStringLiteral("s%1.bin").arg(i), 1024 * (i + 1));
        const qint64 batch = m_transfers->upload(files, RemotePath());
        QVERIFY(finished(batch));
        const QList<qint64> ids = m_transfers->batchItems(batch);
        QCOMPARE(ids.size(), 3);
        QTRY_COMPARE(model()->rowCount(model()->index(0, 0)), 3);
        m_transfers->clearFinished({ids.at(1)});
        QTRY_COMPARE(model()->rowCount(model()->index(0, 0)), 2);
        QCOMPARE(model()->itemIds(model()->index(0, 0)), (QList<qint64> {ids.at(0), ids.at(2)}));
        QCOMPARE(model()->indexOf(ids.at(2)).row(), 1);
        m_transfers->clearFinished({ids.at(0)});
        QTRY_COMPARE(model()->rowCount(), 1);
        const QModelIndex last = model()->index(0, 0);
        QTRY_COMPARE(model()->rowCount(last), 0);
        QCOMPARE(last.data(TransferModel::IdRole).toLongLong(), ids.at(2));
        QCOMPARE(text(last, TransferModel::NameColumn), QStringLiteral("s2.bin"));
        QCOMPARE(model()->indexOf(ids.at(2)), last);

        // A second job of three; its row selected, "Remove from List" forgets all three.
        const qint64 again = m_transfers->upload(files, *RemotePath::parse(QStringLiteral("b")));
        QVERIFY(finished(again));
        QTRY_COMPARE(model()->rowCount(), 2);
        m_dock->view()->selectionModel()->select(
            model()->index(1, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QTRY_VERIFY(m_dock->removeFromListAction()->isEnabled());
        m_dock->removeFromListAction()->trigger();
        QTRY_COMPARE(model()->rowCount(), 1);
        QVERIFY(m_transfers->batchItems(again).isEmpty());
        QCOMPARE(model()->index(0, 0).data(TransferModel::IdRole).toLongLong(), ids.at(2));
    }

    // New jobs scroll into view while the list is at its end; once the user scrolls up to look
    // at older ones, it stays where they put it.
    void newJobsShowUnlessScrolledAway()
    {
        QTreeView *view = m_dock->view();
        m_window->resizeDocks({m_dock}, {140}, Qt::Vertical);
        const QString small = localFile(QStringLiteral("tiny.bin"), 10);
        const auto addJob = [&](int n) {
            return m_transfers->upload({small}, RemotePath().child(QStringLiteral("f%1").arg(n)));
        };
        const auto lastRowShown = [&] {
            const QRect rect = view->visualRect(model()->index(model()->rowCount() - 1, 0));
            return rect.isValid() && view->viewport()->rect().contains(rect);
        };
        for (int n = 0; n < 20; ++n)
            QVERIFY(finished(addJob(n)));
        QTRY_COMPARE(model()->rowCount(), 20);
        QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0); // more rows than fit
        QTRY_VERIFY2(lastRowShown(),
                     qPrintable(QStringLiteral("%1/%2 %3 in %4")
                                    .arg(view->verticalScrollBar()->value())
                                    .arg(view->verticalScrollBar()->maximum())
                                    .arg(view->visualRect(model()->index(19, 0)).top())
                                    .arg(view->viewport()->height())));

        view->verticalScrollBar()->setValue(0);
        QVERIFY(finished(addJob(20)));
        QTRY_COMPARE(model()->rowCount(), 21);
        // The view follows from a zero timer after the insertion: two turns of the event loop
        // and it would have scrolled, were it going to.
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        QCOMPARE(view->verticalScrollBar()->value(), 0);
        QVERIFY(!lastRowShown());

        view->scrollToBottom();
        QVERIFY(finished(addJob(21)));
        QTRY_COMPARE(model()->rowCount(), 22);
        QTRY_VERIFY(lastRowShown());
    }

    // In a small window the files keep most of the room; a name keeps room for about eighteen
    // characters at any width (the view scrolls sideways rather than cut it to "b…").
    void aSmallWindowKeepsRoomForTheFiles()
    {
        new DockRoom(m_window.get(), m_dock, 0.3); // as MainWindow has it
        auto *side = new QDockWidget(QStringLiteral("Side"), m_window.get());
        side->setWidget(new QWidget);
        m_window->addDockWidget(Qt::RightDockWidgetArea, side);
        new DockRoom(m_window.get(), side, 0.35);
        m_window->resize(1000, 800);
        m_window->resizeDocks({m_dock}, {450}, Qt::Vertical);
        m_window->resizeDocks({side}, {500}, Qt::Horizontal);
        QTRY_VERIFY(m_dock->height() >= 400);
        QTRY_VERIFY(side->width() >= 450);
        m_window->resize(600, 350);
        QTRY_VERIFY2(m_window->centralWidget()->height() > m_dock->height(),
                     qPrintable(QStringLiteral("files %1 px, queue %2 px")
                                    .arg(m_window->centralWidget()->height())
                                    .arg(m_dock->height())));
        QTRY_VERIFY2(m_window->centralWidget()->width() > side->width(),
                     qPrintable(QStringLiteral("files %1 px, side %2 px")
                                    .arg(m_window->centralWidget()->width())
                                    .arg(side->width())));
        const int name = m_dock->view()->header()->sectionSize(TransferModel::NameColumn);
        const int em = m_dock->view()->fontMetrics().horizontalAdvance(QLatin1Char('M'));
        QVERIFY2(name >= 15 * em, qPrintable(QString::number(name)));
        // Growing again gives the queue back the room it had, never more than its share.
        m_window->resize(1000, 800);
        QTRY_VERIFY2(m_dock->height() >= 230 && m_dock->height() <= 250,
                     qPrintable(QString::number(m_dock->height()))); // 30% of 800
        m_window->resize(1000, 1600);
        // (The screen may not give the whole 1600 px: the share is of what the window got.)
        const int expected = qMin(450, m_window->height() * 3 / 10);
        QVERIFY(expected > 240);
        QTRY_VERIFY2(
            qAbs(m_dock->height() - expected) < 30,
            qPrintable(QStringLiteral("%1 of %2").arg(m_dock->height()).arg(m_window->height())));
        // A wide window gives the name more room than its least.
        m_window->resize(1800, 800);
        QTRY_VERIFY2(m_dock->view()->header()->sectionSize(TransferModel::NameColumn) > 25 * em,
                     qPrintable(QString::number(
                         m_dock->view()->header()->sectionSize(TransferModel::NameColumn))));
    }
};

QTEST_MAIN(TestTransferJobs)
#include "tst_transfer_jobs.moc"
