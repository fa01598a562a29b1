#include "GuiOrganizeQuestions.h"

#include "DeleteConfirmation.h"

#include <QCheckBox>
#include <QInputDialog>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>

GuiOrganizeQuestions::GuiOrganizeQuestions(QWidget *window) : m_window(window) { }

void GuiOrganizeQuestions::confirmDelete(const DeleteSummary &summary,
                                         std::function<void(bool)> answer)
{
    auto *box = new QMessageBox(QMessageBox::Warning, summary.title(), summary.title(),
                                QMessageBox::Cancel, m_window);
    box->setObjectName(QStringLiteral("DeleteConfirmationBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(summary.text());
    QPushButton *remove = box->addButton(QObject::tr("Delete"), QMessageBox::DestructiveRole);
    remove->setIcon(QIcon::fromTheme(QStringLiteral("edit-delete")));
    box->setDefaultButton(QMessageBox::Cancel); // Enter must not destroy anything
    QObject::connect(box, &QMessageBox::finished, box,
                     [box, remove, answer] { answer(box->clickedButton() == remove); });
    box->open();
}

void GuiOrganizeQuestions::askConflict(const FileSpec &source, const FileSpec &existing,
                                       bool several, std::function<void(Conflict, bool)> answer)
{
    const QLocale locale = QLocale::system();
    auto describe = [&locale](const FileSpec &spec) {
        return spec.isDir() ? QObject::tr("a folder")
                            : QObject::tr("a file of %1").arg(locale.formattedDataSize(spec.size));
    };
    auto *box = new QMessageBox(QMessageBox::Question, QObject::tr("Name already taken"),
                                QObject::tr("“%1” already exists in %2.")
                                    .arg(existing.name, existing.path.parent().absolute()),
                                QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("ConflictBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(
        QObject::tr("There: %1. Moving in: %2 from %3.")
            .arg(describe(existing), describe(source), source.path.parent().absolute()));
    QPushButton *keepBoth = box->addButton(QObject::tr("Keep both"), QMessageBox::AcceptRole);
    QPushButton *replace = box->addButton(QObject::tr("Replace"), QMessageBox::DestructiveRole);
    QPushButton *skip = box->addButton(QObject::tr("Skip"), QMessageBox::RejectRole);
    QPushButton *cancel
        = several ? box->addButton(QObject::tr("Stop"), QMessageBox::RejectRole) : nullptr;
    replace->setToolTip(
        QObject::tr("Deletes what is there now (a folder with everything in it), then moves"));
    box->setDefaultButton(keepBoth);
    box->setEscapeButton(cancel ? cancel : skip);
    QCheckBox *forAll = nullptr;
    if (several) {
        forAll = new QCheckBox(QObject::tr("Do the same for the other conflicts"));
        box->setCheckBox(forAll);
    }
    QObject::connect(box, &QMessageBox::finished, box, [=] {
        const QAbstractButton *clicked = box->clickedButton();
        const bool all = forAll && forAll->isChecked();
        if (clicked == keepBoth)
            answer(Conflict::KeepBoth, all);
        else if (clicked == replace)
            answer(Conflict::Replace, all);
        else if (clicked == skip)
            answer(Conflict::Skip, all);
        else
            answer(Conflict::Cancel, false);
    });
    box->open();
}

void GuiOrganizeQuestions::askFolderName(const RemotePath &parent, const QString &suggestion,
                                         std::function<void(const QString &)> answer)
{
    auto *dialog = new QInputDialog(m_window);
    dialog->setObjectName(QStringLiteral("NewFolderDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setWindowTitle(QObject::tr("New Folder"));
    dialog->setLabelText(QObject::tr("Name of the new folder in %1:").arg(parent.absolute()));
    dialog->setTextValue(suggestion);
    QObject::connect(dialog, &QInputDialog::finished, dialog, [dialog, answer](int result) {
        answer(result == QDialog::Accepted ? dialog->textValue().trimmed() : QString());
    });
    dialog->open();
}
