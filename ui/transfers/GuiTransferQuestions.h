#pragma once

#include "network/transfer/TransferQuestions.h"

#include <QObject>
#include <QPointer>

class QWidget;

// The GUI's answers to the transfer engine's questions: a window-modal conflict dialog with
// "apply to all", shown only when the person is asked (the queue goes on meanwhile).
class GuiTransferQuestions : public QObject, public TransferQuestions
{
    Q_OBJECT
public:
    explicit GuiTransferQuestions(QWidget *window, QObject *parent = nullptr);
    void askConflict(const TransferItem &item, qint64 existingSize,
                     ConflictCallback answer) override;

private:
    QPointer<QWidget> m_window;
};
