#include "app/cli/CliTransferRun.h"

#include "app/cli/CliContext.h"
#include "app/cli/ExitCode.h"
#include "network/api/FilesClient.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferEngine.h"
#include "network/transfer/TransferJournal.h"

#include <QEventLoop>
#include <QStringList>
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
    const int percent = totals.bytesTotal > 0 ? int(totals.bytesDone * 100 / totals.bytesTotal) : 0;
    // "uploading: 12.0 MiB of 1.0 GiB (1%)  2.3 MiB/s  7 min 12 s left  [4 running, 12 queued]";
    // speed and time left only once they are known.
    QStringList parts {
        QStringLiteral("%1: %2 of %3 (%4%)")
            .arg(verb, TextFormat::size(totals.bytesDone), TextFormat::size(totals.bytesTotal))
            .arg(percent)};
    if (const QString speed = TextFormat::speed(totals.bytesPerSecond); !speed.isEmpty())
        parts << speed;
    if (totals.secondsLeft >= 0)
        parts << QStringLiteral("%1 left").arg(TextFormat::duration(totals.secondsLeft));
    parts << QStringLiteral("[%1 running, %2 queued]").arg(totals.running).arg(totals.queued);
    const QString line = parts.join(QStringLiteral("  "));
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
    m_context.error(QStringLiteral("waiting for the service (%1), retrying in %2")
                        .arg(outage.lastError().message(), TextFormat::duration(seconds)));
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
        // "uploaded 3 files, 1.5 GiB in 1 min 05 s (23.6 MiB/s), 1 skipped"
        const qint64 ms = qMax<qint64>(1, m_clock.elapsed());
        QString summary = QStringLiteral("%1 %2, %3 in %4")
                              .arg(verb, TextFormat::files(done), TextFormat::size(bytes),
                                   TextFormat::duration((ms + 500) / 1000));
        if (const QString speed = TextFormat::speed(double(bytes) * 1000.0 / double(ms));
            !speed.isEmpty())
            summary += QStringLiteral(" (%1)").arg(speed);
        if (skipped)
            summary += QStringLiteral(", %1 skipped").arg(skipped);
        std::fprintf(stderr, "%s\n", summary.toLocal8Bit().constData());
    }
    return exitCode;
}
