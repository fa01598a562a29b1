#include "app/cli/CliTransferRun.h"

#include "app/cli/CliContext.h"
#include "app/cli/ExitCode.h"
#include "app/cli/FileSpecPrinter.h"
#include "network/api/FilesClient.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferEngine.h"
#include "network/transfer/TransferJournal.h"

#include <QEventLoop>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

std::atomic_bool g_interrupted {false};

void onInterrupt(int)
{
    g_interrupted.store(true);
}

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return QStringLiteral("--:--");
    if (seconds >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(seconds / 3600)
            .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

CliTransferRun::CliTransferRun(CliContext &context) : m_context(context) { }

CliTransferRun::~CliTransferRun()
{
    m_engine.reset(); // before the journal it writes to
}

bool CliTransferRun::prepare(bool resumeUnfinished, const QString &conflictOption)
{
    const auto policy = TransferItem::conflictPolicyFromName(
        conflictOption.isEmpty() ? QStringLiteral("ask") : conflictOption);
    if (!policy) {
        m_context.error(
            QStringLiteral("--on-conflict takes ask, overwrite, skip or keep-both, not '%1'")
                .arg(conflictOption));
        return false;
    }
    m_policy = *policy;
    m_journal = std::make_unique<TransferJournal>(m_context.journalPath());
    QString error;
    if (!m_journal->open(&error)) {
        m_context.error(error);
        return false;
    }
    m_engine = std::make_unique<TransferEngine>(m_context.client(), m_journal.get());
    m_questions = std::make_unique<CliQuestions>(CliContext::stdinIsTerminal()
                                                 && CliContext::stderrIsTerminal());
    m_engine->setQuestions(m_questions.get());
    if (const int files = qEnvironmentVariableIntValue("FAL_FILES_FILES_IN_FLIGHT"); files > 0)
        m_engine->setMaxFilesInFlight(files);
    if (const int parts = qEnvironmentVariableIntValue("FAL_FILES_PARTS_IN_FLIGHT"); parts > 0) {
        m_engine->setMaxPartsInFlight(parts);
        m_engine->setPartsPerFile(parts);
    }
    if (qEnvironmentVariableIsSet("FAL_FILES_NO_PACKING"))
        m_engine->setPacking(false); // for tests/bench/small_files_bench.py
    m_engine->load(resumeUnfinished);
    return true;
}

bool CliTransferRun::finished(const QList<qint64> &batches) const
{
    if (batches.isEmpty()) {
        const TransferEngine::Totals totals = m_engine->totals();
        return totals.isIdle() && totals.attention == 0;
    }
    for (const qint64 batch : batches) {
        if (!m_engine->isBatchFinished(batch))
            return false;
    }
    return true;
}

void CliTransferRun::drawProgress(const QString &verb, bool final)
{
    if (!CliContext::stderrIsTerminal())
        return; // quiet for scripts and logs
    const TransferEngine::Totals totals = m_engine->totals();
    const int files = totals.done + totals.failed + totals.running + totals.queued;
    Q_UNUSED(files)
    const int percent = totals.bytesTotal > 0 ? int(totals.bytesDone * 100 / totals.bytesTotal) : 0;
    QString line = QStringLiteral("%1: %2 of %3 (%4%)  %5/s  %6 left  [%7 running, %8 queued]")
                       .arg(verb, FileSpecPrinter::humanSize(totals.bytesDone),
                            FileSpecPrinter::humanSize(totals.bytesTotal))
                       .arg(percent)
                       .arg(FileSpecPrinter::humanSize(qint64(totals.bytesPerSecond)),
                            duration(totals.secondsLeft))
                       .arg(totals.running)
                       .arg(totals.queued);
    std::fprintf(stderr, "\r\033[K%s%s", VisibleText::escaped(line).toLocal8Bit().constData(),
                 final ? "\n" : "");
    std::fflush(stderr);
    m_progressShown = !final;
}

int CliTransferRun::wait(const QList<qint64> &batches, const QString &verb)
{
    m_clock.start();
    g_interrupted.store(false);
    auto previous = std::signal(SIGINT, onInterrupt);
    auto previousTerm = std::signal(SIGTERM, onInterrupt);
    QEventLoop loop;
    QTimer tick;
    qint64 lastDraw = -1000;
    bool interrupted = false;
    QObject::connect(&tick, &QTimer::timeout, &loop, [&] {
        if (g_interrupted.load()) {
            interrupted = true;
            loop.quit();
            return;
        }
        if (finished(batches)) {
            loop.quit();
            return;
        }
        reportWaits();
        if (m_clock.elapsed() - lastDraw >= 250) {
            drawProgress(verb, false);
            lastDraw = m_clock.elapsed();
        }
    });
    tick.start(50);
    loop.exec();
    std::signal(SIGINT, previous);
    std::signal(SIGTERM, previousTerm);
    if (m_progressShown)
        drawProgress(verb, true);
    if (interrupted) {
        m_engine->pauseAll();
        m_context.error(QStringLiteral("interrupted. Run the same command again, or `fal-files-cli "
                                       "transfers --resume`, to go on where it stopped."));
        return ExitInterrupted;
    }
    return report(batches, verb);
}

void CliTransferRun::reportWaits()
{
    // While the service is out of reach, requests and transfers wait and try again. Said when a
    // wait begins and then every 30 s at most (many parts wait on the same service), with the
    // service's own reason.
    const OutageBudget &outage = m_context.client()->outage();
    const qint64 retryAt = outage.nextRetryAtMs();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 seconds = (retryAt - now + 999) / 1000;
    if (retryAt == 0 || seconds < 1)
        return;
    const bool newOutage = outage.downSinceMs() != m_reportedOutage;
    if (!newOutage && now - m_lastWaitReportMs < 30'000)
        return;
    m_reportedOutage = outage.downSinceMs();
    m_lastWaitReportMs = now;
    if (m_progressShown) {
        std::fputs("\r\033[K", stderr);
        m_progressShown = false;
    }
    // One arg() call: a "%2" in the server's text stays text.
    m_context.error(QStringLiteral("waiting for the service (%1), retrying in %2 s")
                        .arg(outage.lastError().message(), QString::number(seconds)));
}

int CliTransferRun::report(const QList<qint64> &batches, const QString &verb)
{
    QList<qint64> ids;
    if (batches.isEmpty()) {
        ids = m_engine->ids();
    } else {
        for (const qint64 batch : batches)
            ids += m_engine->batchItems(batch);
    }
    int done = 0;
    int skipped = 0;
    qint64 bytes = 0;
    int exitCode = ExitOk;
    for (const qint64 id : std::as_const(ids)) {
        const TransferItem *item = m_engine->item(id);
        if (item->state == TransferItem::State::Done) {
            ++done;
            bytes += qMax<qint64>(0, item->size);
        } else if (item->state == TransferItem::State::Skipped) {
            ++skipped;
        } else if (item->state == TransferItem::State::Failed
                   || item->state == TransferItem::State::Cancelled) {
            if (batches.isEmpty()
                && item->finishedAt < QDateTime::currentDateTimeUtc().addMSecs(-m_clock.elapsed()))
                continue; // history from before this run
            m_context.error(QStringLiteral("%1 failed: %2").arg(item->name(), item->error));
            if (exitCode == ExitOk)
                exitCode = exitCodeFor(ApiError::make(item->errorKind, QString()));
        }
    }
    for (const QString &where : m_questions->unansweredConflicts())
        m_context.error(QStringLiteral("%1 already exists; skipped. Rerun with "
                                       "--on-conflict=overwrite, skip or keep-both.")
                            .arg(where));
    if (!m_questions->unansweredConflicts().isEmpty() && exitCode == ExitOk)
        exitCode = ExitConflict;
    if (CliContext::stderrIsTerminal()) {
        const double seconds = qMax<qint64>(1, m_clock.elapsed()) / 1000.0;
        const QString files
            = done == 1 ? QStringLiteral("1 file") : QStringLiteral("%1 files").arg(done);
        std::fprintf(stderr, "%s %s, %s in %.1f s (%s/s)%s\n", verb.toLocal8Bit().constData(),
                     files.toLocal8Bit().constData(),
                     FileSpecPrinter::humanSize(bytes).toLocal8Bit().constData(), seconds,
                     FileSpecPrinter::humanSize(qint64(bytes / seconds)).toLocal8Bit().constData(),
                     skipped ? QStringLiteral(", %1 skipped").arg(skipped).toLocal8Bit().constData()
                             : "");
    }
    return exitCode;
}
