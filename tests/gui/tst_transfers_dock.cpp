// The transfer panel offscreen: the model under QAbstractItemModelTester while transfers run,
// the dock's pause / resume / cancel / retry actions, the conflict dialog, the status bar totals
// and the notification when the queue empties.
#include "models/TransferModel.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/TransferService.h"
#include "tests/gui/TransfersDockFixture.h"
#include "tests/support/ClientFixture.h"
#include "ui/browse/ConflictDialog.h"
#include "ui/transfers/DesktopNotifier.h"
#include "ui/transfers/GuiTransferQuestions.h"
#include "ui/transfers/TransferStatusWidget.h"
#include "ui/transfers/TransfersDock.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QMainWindow>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QThreadPool>
#include <QTreeView>
#include <QtConcurrent>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include <latch>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
using State = TransferItem::State;
} // namespace

class TestTransfersDock : public QObject, private TransfersDockFixture
{
    Q_OBJECT

private:
    void selectRowOf(qint64 id)
    {
        const QModelIndex row = m_dock->model()->indexOf(id);
        QVERIFY(row.isValid());
        m_dock->view()->selectionModel()->select(
            row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }

private Q_SLOTS:
    void init() { setUp(QSize(1000, 400), false); }
    void cleanup() { tearDown(); }

    void modelStaysConsistentWhileTransfersRun()
    {
        QAbstractItemModelTester tester(m_dock->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList files;
        for (int i = 0; i < 6; ++i) {
            files << f->scratch(QStringLiteral("m%1.bin").arg(i));
            QVERIFY(ClientFixture::writeRandomFile(files.last(), (i + 1) * 3 * kMiB, quint32(i)));
        }
        const qint64 batch = m_transfers->upload(files, *RemotePath::parse(QStringLiteral("up")));
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); }, 60'000));
        QTRY_COMPARE(m_dock->model()->rowCount(), 1); // one job: the six files of one upload
        const QModelIndex job = m_dock->model()->index(0, 0);
        QTRY_COMPARE(m_dock->model()->rowCount(job), 6);
        // The model's coalesced repaint brings every row to its end, and the job's with them.
        for (int row = 0; row < 6; ++row) {
            const auto progress
                = [&] { return m_dock->model()->index(row, TransferModel::ProgressColumn, job); };
            QTRY_COMPARE(progress().data(TransferModel::ProgressRole).toDouble(), 1.0);
            QTRY_COMPARE(progress().data(TransferModel::StateRole).toInt(), int(State::Done));
        }
        QTRY_COMPARE(job.data(TransferModel::ProgressRole).toDouble(), 1.0);
        QCOMPARE(job.data(TransferModel::SizeRole).toLongLong(), 63 * kMiB);
        m_transfers->clearFinished();
        QTRY_COMPARE(m_dock->model()->rowCount(), 0);
    }

#ifdef Q_OS_LINUX
    // Transfers are background work: the engine's thread and the workers it starts run at a
    // lower priority than the UI thread (see TransferEngineHost::yieldToTheUi).
    void transfersRunBelowTheUiThread()
    {
        const QString local = f->scratch(QStringLiteral("nice.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 24 * kMiB,
                                               7)); // multipart: parts read on workers
        const qint64 batch = m_transfers->upload({local}, *RemotePath::parse(QStringLiteral("up")));
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); }, 60'000));
        // A folder download: the engine lists it (ListJob parses on its client's pool). The spec
        // has no name, as one made by hand: the folder's local name comes from its path.
        FileSpec folder;
        folder.path = *RemotePath::parse(QStringLiteral("up"));
        folder.isFile = false;
        const qint64 down = m_transfers->download({folder}, f->scratch(QStringLiteral("down")));
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(down); }, 60'000));
        QVERIFY(QFile::exists(f->scratch(QStringLiteral("down/up/nice.bin"))));
        QMap<QString, QList<int>> niceByThread; // thread name -> nice values
        const QDir tasks(QStringLiteral("/proc/self/task"));
        for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile stat(tasks.filePath(tid + QStringLiteral("/stat")));
            if (!stat.open(QIODevice::ReadOnly))
                continue;
            const QByteArray line = stat.readAll();
            const qsizetype open = line.indexOf('('), close = line.lastIndexOf(')');
            const QList<QByteArray> fields
                = line.mid(close + 2).split(' '); // from field 3, "state"
            niceByThread[QString::fromUtf8(line.mid(open + 1, close - open - 1))]
                << fields.value(16).toInt();
        }
        QCOMPARE(niceByThread.value(QStringLiteral("fal transfers")), QList<int> {5});
        QVERIFY2(!niceByThread.value(QStringLiteral("TransferWorkers")).isEmpty(),
                 "no transfer worker thread");
        for (const int nice : niceByThread.value(QStringLiteral("TransferWorkers")))
            QCOMPARE(nice, 5);
        QCOMPARE(niceByThread.value(QCoreApplication::applicationName().left(15)).value(0, -1), 0);
        // Qt's global pool is the UI's (folder listings): the engine, which just listed a folder,
        // must not have started threads there. Occupy every thread of the pool at once and ask
        // each for its nice value.
        const int threads = QThreadPool::globalInstance()->maxThreadCount();
        std::latch everyThread(threads); // a probe holds its thread until all are taken
        QList<QFuture<int>> probes;
        for (int i = 0; i < threads; ++i) {
            probes << QtConcurrent::run([&everyThread] {
                everyThread.arrive_and_wait();
                return ::getpriority(PRIO_PROCESS, id_t(::syscall(SYS_gettid)));
            });
        }
        for (QFuture<int> &probe : probes)
            QCOMPARE(probe.result(), 0);
    }
#endif

    void pauseResumeCancelRetryFromTheDock()
    {
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 200;
        f->server().setFaults(slow);
        const QString local = f->scratch(QStringLiteral("slow.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 40 * kMiB, 9));
        const qint64 batch = m_transfers->upload({local}, RemotePath());
        QVERIFY(ClientFixture::waitUntil([&] { return m_transfers->batchItems(batch).size() == 1; },
                                         10'000));
        const qint64 id = m_transfers->batchItems(batch).first();
        QVERIFY(ClientFixture::waitUntil(
            [&] { return m_transfers->item(id)->state == State::Running; }, 10'000));

        // Some bytes to show: the parts are on their way (the slow server keeps them there for a
        // while, so the row is still running when the actions below are used).
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->item(id)->bytesDone > 0; }, 10'000));
        m_window->grab().save(
            QStringLiteral("transfers-running.png")); // kept in the build folder to look at
        selectRowOf(id);
        QVERIFY(m_dock->pauseAction()->isEnabled());
        QVERIFY(!m_dock->resumeAction()->isEnabled());
        m_dock->pauseAction()->trigger();
        QTRY_COMPARE(m_transfers->item(id)->state, State::Paused);
        QTRY_VERIFY(m_dock->resumeAction()->isEnabled());
        m_dock->resumeAction()->trigger();
        QTRY_VERIFY(m_transfers->item(id)->state == State::Queued
                    || m_transfers->item(id)->state == State::Running);
        QTRY_VERIFY(m_dock->cancelAction()->isEnabled());
        m_dock->cancelAction()->trigger();
        QTRY_COMPARE(m_transfers->item(id)->state, State::Cancelled);
        QTRY_VERIFY(m_dock->retryAction()->isEnabled());
        f->server().setFaults({});
        m_dock->retryAction()->trigger();
        QVERIFY(ClientFixture::waitUntil(
            [&] { return m_transfers->item(id)->state == State::Done; }, 60'000));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("slow.bin"))),
                 ClientFixture::sha256(local));

        // The panel as people see it (kept in the build folder to look at).
        m_dock->grab().save(QStringLiteral("transfers-dock.png"));
    }

    void conflictDialogAnswersForTheBatch()
    {
        for (const QString &name : {QStringLiteral("a.txt"), QStringLiteral("b.txt")}) {
            QFile old(f->data(name));
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old");
            QFile fresh(f->scratch(name));
            QVERIFY(fresh.open(QIODevice::WriteOnly));
            fresh.write("new!");
        }
        GuiTransferQuestions questions(m_window.get());
        m_transfers->setQuestions(&questions);
        const qint64 batch = m_transfers->upload(
            {f->scratch(QStringLiteral("a.txt")), f->scratch(QStringLiteral("b.txt"))},
            RemotePath());
        ConflictDialog *dialog = nullptr;
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                return (dialog = m_window->findChild<ConflictDialog *>()) && dialog->isVisible();
            },
            20'000));
        QVERIFY(m_transfers->totals().attention >= 1);
        dialog->findChild<QCheckBox *>(QStringLiteral("applyToAll"))->setChecked(true);
        QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("keepBoth")),
                          Qt::LeftButton);
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); }, 20'000));
        QTRY_COMPARE(m_window->findChildren<ConflictDialog *>().size(), 0); // asked once, for both
        QCOMPARE(QFileInfo(f->data(QStringLiteral("a (1).txt"))).size(), 4);
        QCOMPARE(QFileInfo(f->data(QStringLiteral("b (1).txt"))).size(), 4);
        QCOMPARE(QFileInfo(f->data(QStringLiteral("a.txt"))).size(), 3);
        m_transfers->setQuestions(nullptr);
    }

    void statusBarTotalsAndNotification()
    {
        auto *status = new TransferStatusWidget(m_transfers.get(), m_window.get());
        m_window->statusBar()->addPermanentWidget(status);
        DesktopNotifier notifier(m_transfers.get());
        QSignalSpy notified(&notifier, &DesktopNotifier::notified);
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 150;
        f->server().setFaults(slow);
        const QString local = f->scratch(QStringLiteral("s.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 30 * kMiB, 3));
        m_transfers->upload({local, f->scratch(QStringLiteral("missing.bin"))}, RemotePath());
        QVERIFY(ClientFixture::waitUntil(
            [&] { return status->isVisible() && status->text().contains(QStringLiteral(" of ")); },
            20'000));
        QVERIFY(status->text().contains(QStringLiteral("MiB")));
        QVERIFY(notified.wait(60'000));
        QCOMPARE(notified.first().at(0).toString(), QStringLiteral("Transfers finished, 1 failed"));
        QVERIFY(notified.first().at(1).toString().contains(QStringLiteral("missing.bin")));
        QVERIFY(ClientFixture::waitUntil([&] { return !status->isVisible(); }, 5'000));
    }

    // The status bar counts in words: "1 transfer", then "2 transfers"; never "transfer(s)".
    // The service fails meanwhile, so both stay active (waiting for it) while they are read.
    void statusBarCountsTransfersInWords()
    {
        auto *status = new TransferStatusWidget(m_transfers.get(), m_window.get());
        m_window->statusBar()->addPermanentWidget(status);
        fal::emulator::FaultOptions failing;
        failing.errorRate = 1.0;
        failing.errorStatus = 503;
        f->server().setFaults(failing);
        const auto firstPart = [&] { return status->text().section(QStringLiteral(" · "), 0, 0); };

        const QString one = f->scratch(QStringLiteral("one.bin"));
        QVERIFY(ClientFixture::writeRandomFile(one, 4096, 1));
        const qint64 first = m_transfers->upload({one}, RemotePath());
        QVERIFY2(ClientFixture::waitUntil(
                     [&] {
                         return firstPart() == QLatin1String("1 transfer")
                             && status->text().contains(QStringLiteral("of 4.0 KiB"));
                     },
                     20'000),
                 qPrintable(status->text()));
        QVERIFY(status->isVisible());
        QVERIFY2(!status->text().contains(QStringLiteral("(s)")), qPrintable(status->text()));

        const QString two = f->scratch(QStringLiteral("two.bin"));
        QVERIFY(ClientFixture::writeRandomFile(two, 4096, 2));
        const qint64 second = m_transfers->upload({two}, RemotePath());
        QVERIFY2(ClientFixture::waitUntil(
                     [&] { return firstPart() == QLatin1String("2 transfers"); }, 20'000),
                 qPrintable(status->text()));
        QVERIFY2(!status->text().contains(QStringLiteral("(s)")), qPrintable(status->text()));

        f->server().setFaults({});
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                return m_transfers->isBatchFinished(first) && m_transfers->isBatchFinished(second);
            },
            30'000));
        QVERIFY(ClientFixture::waitUntil([&] { return !status->isVisible(); }, 5'000));
    }

    // While the service fails, the row says it waits for the service and counts down to the
    // next try (not "Running"); when the service is back the transfer finishes by itself.
    void aWaitingRowCountsDown()
    {
        fal::emulator::FaultOptions failing;
        failing.errorRate = 1.0;
        failing.errorStatus = 500;
        failing.errorDetail = QStringLiteral("No space left on device");
        f->server().setFaults(failing);
        const QString local = f->scratch(QStringLiteral("w.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 4096, 9));
        const qint64 batch = m_transfers->upload({local}, RemotePath());
        const auto stateText = [&] {
            return m_dock->model()
                ->index(0, TransferModel::StateColumn)
                .data(Qt::DisplayRole)
                .toString();
        };
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                return m_dock->model()->rowCount() == 1
                    && stateText().startsWith(
                        QStringLiteral("Waiting for the service, retrying in "));
            },
            30'000));
        const QString first = stateText();
        QVERIFY(ClientFixture::waitUntil([&] { return stateText() != first; }, 3'000));
        const QString tip = m_dock->model()->index(0, 0).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("No space left on device")), qPrintable(tip));
        f->server().setFaults({});
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); }, 30'000));
        QTRY_COMPARE(stateText(), QStringLiteral("Done"));
    }
};

QTEST_MAIN(TestTransfersDock)
#include "tst_transfers_dock.moc"
