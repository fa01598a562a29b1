#include "ui/browse/GuiOrganizeQuestions.h"

#include "network/text/TextFormat.h"
#include "ui/browse/DeleteSummary.h"

#include <QCheckBox>
#include <QInputDialog>
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
    // "2.1 MiB, Today at 14:02": enough to tell two files apart before one of them goes (the
    // size kept on one line).
    auto describe = [](const FileSpec &spec) {
        const QString when = TextFormat::dateTime(spec.updated);
        const QString size = TextFormat::size(spec.size).replace(QLatin1Char(' '), QChar::Nbsp);
        return when.isEmpty() ? size : QObject::tr("%1, %2").arg(size, when);
    };
    const QString where = existing.path.parent().absolute();
    const QString from = source.path.parent().absolute();
    const bool sameFolder = where == from;
    const bool files = source.isFile && existing.isFile;
    const bool folders = source.isDir() && existing.isDir();
    QString question;
    QString details;
    if (files) {
        question = QObject::tr("Replace “%1” (%2) with “%3” (%4)?")
                       .arg(existing.name, describe(existing), source.name, describe(source));
        details = sameFolder ? QObject::tr("Both are in %1.").arg(where)
                             : QObject::tr("“%1” is in %2; the one moving in comes from %3.")
                                   .arg(existing.name, where, from);
        details += QLatin1Char(' ')
            + QObject::tr("The file that is there now is deleted once the other one has taken "
                          "its place.");
    } else if (folders) {
        question = QObject::tr("A folder “%1” is already in %2.").arg(existing.name, where);
        details = QObject::tr("Merge moves what “%1” from %2 holds into it, asking again about "
                              "each name that is taken, and removes “%1” once it is empty. Keep "
                              "both gives “%1” another name.")
                      .arg(source.name, from);
    } else {
        question = existing.isDir()
            ? QObject::tr("A folder named “%1” is already in %2.").arg(existing.name, where)
            : QObject::tr("A file named “%1” (%2) is already in %3.")
                  .arg(existing.name, describe(existing), where);
        details = QObject::tr("A file and a folder cannot replace each other. Keep both gives "
                              "“%1” another name.")
                      .arg(source.name);
    }
    auto *box = new QMessageBox(QMessageBox::Question, QObject::tr("Name already taken"), question,
                                QMessageBox::NoButton, m_window);
    box->setObjectName(QStringLiteral("ConflictBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    box->setInformativeText(details);
    QPushButton *merge
        = folders ? box->addButton(QObject::tr("Merge"), QMessageBox::AcceptRole) : nullptr;
    QPushButton *keepBoth = box->addButton(QObject::tr("Keep both"), QMessageBox::AcceptRole);
    QPushButton *replace
        = files ? box->addButton(QObject::tr("Replace"), QMessageBox::DestructiveRole) : nullptr;
    QPushButton *skip = box->addButton(QObject::tr("Skip"), QMessageBox::RejectRole);
    QPushButton *cancel
        = several ? box->addButton(QObject::tr("Stop"), QMessageBox::RejectRole) : nullptr;
    keepBoth->setObjectName(QStringLiteral("KeepBothButton"));
    skip->setObjectName(QStringLiteral("SkipButton"));
    if (merge)
        merge->setObjectName(QStringLiteral("MergeButton"));
    if (replace) {
        replace->setObjectName(QStringLiteral("ReplaceButton"));
        replace->setToolTip(QObject::tr("The file that is there now is deleted once the one "
                                        "moving in has taken its place"));
    }
    box->setDefaultButton(keepBoth); // Enter never destroys anything
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
        else if (replace && clicked == replace)
            answer(Conflict::Replace, all);
        else if (merge && clicked == merge)
            answer(Conflict::Merge, all);
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
