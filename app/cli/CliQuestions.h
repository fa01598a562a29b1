#pragma once

#include "network/transfer/TransferQuestions.h"

#include <QStringList>

class QTextStream;

// The CLI's answers to the engine's questions: a prompt when a person is at the terminal,
// otherwise "skip", remembered so the command can fail with a clear message and exit code 5.
class CliQuestions : public TransferQuestions
{
public:
    explicit CliQuestions(bool interactive);
    void askConflict(const TransferItem &item, qint64 existingSize,
                     ConflictCallback answer) override;
    const QStringList &unansweredConflicts() const { return m_unanswered; }

private:
    bool m_interactive;
    QStringList m_unanswered;
};
