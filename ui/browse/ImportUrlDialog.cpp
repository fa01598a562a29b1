#include "ui/browse/ImportUrlDialog.h"

#include "network/api/UrlImportJob.h"
#include "ui/browse/FileIconProvider.h"
#include "ui/browse/LocationBar.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

ImportUrlDialog::ImportUrlDialog(const RemotePath &folder, QWidget *parent)
    : QDialog(parent)
    , m_url(new QLineEdit(this))
    , m_folder(new QLineEdit(folder.absolute(), this))
    , m_name(new QLineEdit(this))
    , m_problem(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("ImportUrlDialog"));
    setWindowTitle(tr("Import from URL"));
    m_url->setPlaceholderText(QStringLiteral("https://huggingface.co/…/model.safetensors"));
    m_url->setMinimumWidth(420);
    m_name->setPlaceholderText(tr("taken from the URL"));

    auto *intro
        = new QLabel(tr("fal's servers download the URL straight into /data; nothing passes "
                        "through this computer. Large files can take minutes."),
                     this);
    intro->setWordWrap(true);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("QLabel { color: #da4453; }"));

    auto *form = new QFormLayout;
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Folder:"), m_folder);
    form->addRow(tr("File &name:"), m_name);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Import"));
    m_buttons->button(QDialogButtonBox::Ok)
        ->setIcon(FileIconProvider::named(QStringLiteral("document-import")));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, [this] {
        if (!m_nameEdited)
            m_name->setText(nameFromUrl(url()));
        validate();
    });
    connect(m_name, &QLineEdit::textEdited, this,
            [this] { m_nameEdited = !m_name->text().isEmpty(); });
    connect(m_name, &QLineEdit::textChanged, this, &ImportUrlDialog::validate);
    connect(m_folder, &QLineEdit::textChanged, this, &ImportUrlDialog::validate);
    validate();
}

QString ImportUrlDialog::nameFromUrl(const QUrl &url)
{
    const QString name = url.fileName(QUrl::FullyDecoded);
    return RemotePath::isValidName(name) ? name : QString();
}

QUrl ImportUrlDialog::url() const
{
    return QUrl(m_url->text().trimmed(), QUrl::StrictMode);
}

RemotePath ImportUrlDialog::target() const
{
    const auto folder = LocationBar::parseInput(m_folder->text(), nullptr);
    const QString name = m_name->text().trimmed();
    if (!folder || !RemotePath::isValidName(name))
        return {};
    return folder->child(name);
}

bool ImportUrlDialog::isValid(QString *whyNot) const
{
    QString why;
    bool ok = true;
    if (m_url->text().trimmed().isEmpty()) {
        ok = false; // nothing typed yet: no error to show
    } else if (!UrlImportJob::isImportableUrl(url(), &why)) {
        ok = false;
        why = tr("The URL cannot be imported: %1.").arg(why);
    } else if (!LocationBar::parseInput(m_folder->text(), &why)) {
        ok = false;
        why = tr("The folder is not valid: %1.").arg(why);
    } else if (!RemotePath::isValidName(m_name->text().trimmed(), &why)) {
        ok = false;
        why = tr("The file name is not valid: %1.").arg(why);
    }
    if (whyNot)
        *whyNot = why;
    return ok;
}

void ImportUrlDialog::validate()
{
    QString why;
    const bool ok = isValid(&why);
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}
