#pragma once

#include "network/transfer/TransferQuestions.h"

#include <QDialog>

class QCheckBox;

// "weights.safetensors already exists": overwrite, skip, or keep both, with "apply to all"
// for the rest of the same drop. Window-modal, opened with open(): nothing else waits for it.
class ConflictDialog : public QDialog
{
    Q_OBJECT
public:
    ConflictDialog(const TransferItem &item, qint64 existingSize, QWidget *parent = nullptr);
    TransferQuestions::ConflictAnswer answer() const { return m_answer; }

private:
    void choose(ConflictPolicy policy);
    TransferQuestions::ConflictAnswer m_answer;
    QCheckBox *m_applyToAll;
};
