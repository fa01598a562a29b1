// Transfers you can read (issue #11): a failed row says why, the dock's message bar counts the
// failures and retries them all, a row waiting for the service counts down instead of showing an
// ETA, and a paused transfer stays in the status bar's summary. Offscreen, with the engine on its
// own thread as the app has it, and the model under QAbstractItemModelTester throughout.
#include "models/TransferModel.h"
#include "network/transfer/TransferService.h"
#include "tests/gui/TransfersDockFixture.h"
#include "tests/support/ClientFixture.h"
#include "ui/transfers/TransferFailureBar.h"
#include "ui/transfers/TransferStatusWidget.h"
#include "ui/transfers/TransfersDock.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QFile>
#include <QMainWindow>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QTreeView>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
using State = TransferItem::State;
} // namespace

class TestTransferFailures : public QObject, private TransfersDockFixture
{
    Q_OBJECT

private:
    QString cell(int row, int column) const
    {
        return m_dock->model()->index(row, column).data(Qt::DisplayRole).toString();
    }

private Q_SLOTS:
    void init() { setUp(QSize(1000, 400), true); }
    void cleanup() { tearDown(); }

    // Two uploads of one drop whose files are gone: one job row that says "Failed: 2 of 2 files:
    // <reason>", and under it each file's row "Failed: <reason>" (the whole reason in the
    // tooltip); the bar says "2 transfers failed: …"; Retry All, once the files are there, brings
    // both home and the bar goes away.
    void failuresAreSaidAndRetriedTogether()
    {
        TransferFailureBar *bar = m_dock->failureBar();
        QVERIFY(!bar->isVisible());
        const QString a = f->scratch(QStringLiteral("gone-a.bin"));
        const QString b = f->scratch(QStringLiteral("gone-b.bin"));
        const qint64 batch = m_transfers->upload({a, b}, RemotePath());
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); }, 30'000));
        TransferModel *model = m_dock->model();
        QTRY_COMPARE(model->rowCount(), 1);
        const QModelIndex job = model->index(0, 0);
        QTRY_COMPARE(model->rowCount(job), 2);
        QCOMPARE(job.data(TransferModel::FileCountRole).toInt(), 2);
        QTRY_COMPARE(job.data(TransferModel::StateRole).toInt(), int(State::Failed));
        QTRY_VERIFY2(cell(0, TransferModel::StateColumn)
                         .startsWith(QStringLiteral("Failed: 2 of 2 files: ")),
                     qPrintable(cell(0, TransferModel::StateColumn)));
        for (int row = 0; row < 2; ++row) {
            const QModelIndex state = model->index(row, TransferModel::StateColumn, job);
            QTRY_COMPARE(state.data(TransferModel::StateRole).toInt(), int(State::Failed));
            const QString error = state.data(TransferModel::ErrorRole).toString();
            QVERIFY(!error.isEmpty());
            const QString text = state.data().toString();
            QTRY_VERIFY2(text.startsWith(QStringLiteral("Failed: ")), qPrintable(text));
            QVERIFY2(error.startsWith(text.mid(8)), qPrintable(text));
            QVERIFY(state.data(Qt::ToolTipRole).toString().contains(error));
        }
        QTRY_VERIFY(bar->isVisible());
        QVERIFY2(bar->text().startsWith(QStringLiteral("2 transfers failed: ")),
                 qPrintable(bar->text()));
        QVERIFY2(!bar->text().contains(QStringLiteral("(s)")), qPrintable(bar->text()));
        QVERIFY(bar->retryAllButton()->isVisible());

        // Empty, as the engine saw them (size 0) when they were queued: a changed size fails again.
        for (const QString &path : {a, b}) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        QTest::mouseClick(bar->retryAllButton(), Qt::LeftButton);
        QVERIFY2(ClientFixture::waitUntil(
                     [&] { return job.data(TransferModel::StateRole).toInt() == int(State::Done); },
                     30'000),
                 qPrintable(cell(0, TransferModel::StateColumn)));
        for (int row = 0; row < 2; ++row)
            QTRY_COMPARE(model->index(row, 0, job).data(TransferModel::StateRole).toInt(),
                         int(State::Done));
        QTRY_VERIFY(!bar->isVisible());
        QVERIFY(bar->text().isEmpty());
    }

    // One failure reads in the singular.
    void oneFailureReadsInTheSingular()
    {
        const qint64 batch
            = m_transfers->upload({f->scratch(QStringLiteral("gone.bin"))}, RemotePath());
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); }, 30'000));
        QTRY_VERIFY(m_dock->failureBar()->isVisible());
        QVERIFY2(m_dock->failureBar()->text().startsWith(QStringLiteral("1 transfer failed: ")),
                 qPrintable(m_dock->failureBar()->text()));
        m_transfers->clearFinished();
        QTRY_VERIFY(!m_dock->failureBar()->isVisible());
    }

    // While the service answers 503, the row says it waits and counts down each second; it has no
    // speed and no time left (nothing moves, an ETA would only grow).
    void aWaitingRowCountsDownWithoutTimeLeft()
    {
        fal::emulator::FaultOptions failing;
        failing.errorRate = 1.0;
        failing.errorStatus = 503;
        f->server().setFaults(failing);
        const QString local = f->scratch(QStringLiteral("wait.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 4096, 3));
        const qint64 batch = m_transfers->upload({local}, RemotePath());
        const QString waiting = QStringLiteral("Waiting for the service, retrying in ");
        QVERIFY2(ClientFixture::waitUntil(
                     [&] {
                         return m_dock->model()->rowCount() == 1
                             && cell(0, TransferModel::StateColumn).startsWith(waiting);
                     },
                     30'000),
                 qPrintable(cell(0, TransferModel::StateColumn)));
        const QString first = cell(0, TransferModel::StateColumn);
        QVERIFY2(first.endsWith(QStringLiteral(" s")), qPrintable(first));
        QCOMPARE(cell(0, TransferModel::EtaColumn), QString());
        QCOMPARE(cell(0, TransferModel::SpeedColumn), QString());
        // The countdown moves on by itself, once a second, without the engine saying anything.
        QVERIFY(ClientFixture::waitUntil(
            [&] {
                const QString now = cell(0, TransferModel::StateColumn);
                return now != first && now.startsWith(waiting);
            },
            3'000));
        QCOMPARE(cell(0, TransferModel::EtaColumn), QString());
        QVERIFY(!m_dock->failureBar()->isVisible()); // waiting is not failing
        f->server().setFaults({});
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); }, 30'000));
        QTRY_COMPARE(cell(0, TransferModel::StateColumn), QStringLiteral("Done"));
    }

    // Pausing the only transfer keeps the status bar's summary, as "1 paused"; resuming it and
    // letting it finish hides the summary.
    void aPausedTransferStaysCounted()
    {
        auto *status = new TransferStatusWidget(m_transfers.get(), m_window.get());
        m_window->statusBar()->addPermanentWidget(status);
        fal::emulator::FaultOptions slow;
        slow.latencyMs = 150;
        f->server().setFaults(slow);
        const QString local = f->scratch(QStringLiteral("p.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 30 * kMiB, 4));
        const qint64 batch = m_transfers->upload({local}, RemotePath());
        QVERIFY(ClientFixture::waitUntil(
            [&] { return status->isVisible() && m_dock->model()->rowCount() == 1; }, 20'000));

        m_dock->view()->selectionModel()->select(m_dock->model()->index(0, 0),
                                                 QItemSelectionModel::ClearAndSelect
                                                     | QItemSelectionModel::Rows);
        QVERIFY(m_dock->pauseAction()->isEnabled());
        m_dock->pauseAction()->trigger();
        const auto firstPart = [&] { return status->text().section(QStringLiteral(" · "), 0, 0); };
        QVERIFY2(ClientFixture::waitUntil([&] { return firstPart() == QLatin1String("1 paused"); },
                                          20'000),
                 qPrintable(status->text()));
        QTest::qWait(1000); // it stays, not only until the next refresh
        QVERIFY(status->isVisible());
        QCOMPARE(firstPart(), QStringLiteral("1 paused"));
        QVERIFY2(!status->text().contains(QStringLiteral("(s)")), qPrintable(status->text()));

        f->server().setFaults({});
        QTRY_VERIFY(m_dock->resumeAction()->isEnabled());
        m_dock->resumeAction()->trigger();
        QVERIFY(
            ClientFixture::waitUntil([&] { return m_transfers->isBatchFinished(batch); }, 60'000));
        QVERIFY(ClientFixture::waitUntil([&] { return !status->isVisible(); }, 5'000));
    }
};

QTEST_MAIN(TestTransferFailures)
#include "tst_transfer_failures.moc"
