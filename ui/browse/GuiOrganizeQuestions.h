#pragma once

#include "ui/browse/OrganizeQuestions.h"

#include <QPointer>

class QWidget;

// OrganizeQuestions answered with window-modal dialogs (the window stays responsive behind them).
class GuiOrganizeQuestions : public OrganizeQuestions
{
public:
    explicit GuiOrganizeQuestions(QWidget *window);

    void confirmDelete(const DeleteSummary &summary, std::function<void(bool yes)> answer) override;
    void askConflict(const FileSpec &source, const FileSpec &existing, bool several,
                     std::function<void(Conflict conflict, bool forAll)> answer) override;
    void askFolderName(const RemotePath &parent, const QString &suggestion,
                       std::function<void(const QString &name)> answer) override;

private:
    QPointer<QWidget> m_window;
};
