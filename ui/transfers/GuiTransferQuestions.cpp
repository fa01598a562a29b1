#include "ui/transfers/GuiTransferQuestions.h"

#include "ui/browse/ConflictDialog.h"

#include <QWidget>

GuiTransferQuestions::GuiTransferQuestions(QWidget *window, QObject *parent)
    : QObject(parent), m_window(window)
{
}

void GuiTransferQuestions::askConflict(const TransferItem &item, qint64 existingSize,
                                       ConflictCallback answer)
{
    auto *dialog = new ConflictDialog(item, existingSize, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    // finished() comes for every way out (a button, Esc, the window's close button).
    connect(dialog, &QDialog::finished, dialog, [dialog, answer] { answer(dialog->answer()); });
    dialog->open();
}
