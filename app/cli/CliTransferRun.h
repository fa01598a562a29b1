#pragma once

#include "app/cli/CliQuestions.h"
#include "network/transfer/TransferItem.h"

#include <QElapsedTimer>
#include <QList>
#include <memory>

class CliContext;
class TransferEngine;
class TransferJournal;

// Runs transfers for a command: opens the shared journal, makes the engine, waits until the
// command's batches are finished, shows progress on a terminal, and turns the outcome into an
// exit code. Ctrl-C pauses everything (the journal keeps it) and exits 130.
class CliTransferRun
{
public:
    explicit CliTransferRun(CliContext &context);
    ~CliTransferRun();

    // Opens the journal and makes the engine; false (with the reason printed) on failure.
    bool prepare(bool resumeUnfinished, const QString &conflictOption);
    TransferEngine *engine() const { return m_engine.get(); }
    ConflictPolicy conflictPolicy() const { return m_policy; }
    // Waits for the batches (all unfinished items when empty) and reports. Returns the exit code.
    int wait(const QList<qint64> &batches, const QString &verb);

private:
    bool finished(const QList<qint64> &batches) const;
    void drawProgress(const QString &verb, bool final);
    int report(const QList<qint64> &batches, const QString &verb);
    void reportWaits();

    CliContext &m_context;
    std::unique_ptr<TransferJournal> m_journal;
    std::unique_ptr<TransferEngine> m_engine;
    std::unique_ptr<CliQuestions> m_questions;
    ConflictPolicy m_policy = ConflictPolicy::Ask;
    QElapsedTimer m_clock;
    bool m_progressShown = false;
    qint64 m_reportedOutage = -1; // OutageBudget::downSinceMs() of the wait last announced
    qint64 m_lastWaitReportMs = 0;
};
