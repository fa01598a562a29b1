#include "GuiTransferQuestions.h"

#include <QWidget>

GuiTransferQuestions::GuiTransferQuestions(QWidget *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
}

void GuiTransferQuestions::askConflict(const TransferItem &, qint64, ConflictCallback answer)
{
    answer({ConflictPolicy::Skip, false}); // replaced by the dialog
}
