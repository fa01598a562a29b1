#include "ui/browse/ConflictDialog.h"

#include "network/text/TextFormat.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

ConflictDialog::ConflictDialog(const TransferItem &item, qint64 existingSize, QWidget *parent)
    : QDialog(parent)
    , m_applyToAll(new QCheckBox(tr("Do the same for the other conflicts of this transfer"), this))
{
    setWindowTitle(tr("File already exists"));
    setObjectName(QStringLiteral("ConflictDialog"));
    const bool download = item.direction == TransferItem::Direction::Download;
    const QString where = download ? item.localPath : item.remotePath.absolute();
    auto *icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion).pixmap(48));
    auto *text = new QLabel(this);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    QString body
        = tr("%1 already exists%2.").arg(where, download ? tr(" on this computer") : tr(" on fal"));
    if (existingSize >= 0)
        body += QLatin1Char(' ')
            + tr("It holds %1; the new one has %2.")
                  .arg(TextFormat::size(existingSize), TextFormat::size(item.size));
    text->setText(body);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *overwrite
        = buttons->addButton(tr("&Overwrite"), QDialogButtonBox::DestructiveRole);
    QPushButton *keepBoth = buttons->addButton(tr("&Keep both"), QDialogButtonBox::AcceptRole);
    QPushButton *skip = buttons->addButton(tr("&Skip"), QDialogButtonBox::RejectRole);
    overwrite->setObjectName(QStringLiteral("overwrite"));
    keepBoth->setObjectName(QStringLiteral("keepBoth"));
    skip->setObjectName(QStringLiteral("skip"));
    overwrite->setToolTip(tr("Replace the existing file"));
    keepBoth->setToolTip(tr("Keep the existing file and store the new one under a numbered name"));
    skip->setToolTip(tr("Leave the existing file alone and do not transfer this one"));
    keepBoth->setDefault(true);
    m_applyToAll->setObjectName(QStringLiteral("applyToAll"));
    connect(overwrite, &QPushButton::clicked, this, [this] { choose(ConflictPolicy::Overwrite); });
    connect(keepBoth, &QPushButton::clicked, this, [this] { choose(ConflictPolicy::KeepBoth); });
    connect(skip, &QPushButton::clicked, this, [this] { choose(ConflictPolicy::Skip); });

    auto *top = new QHBoxLayout;
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addWidget(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_applyToAll);
    layout->addWidget(buttons);
    // Closing the window is "skip": the safe answer, nothing is overwritten.
    m_answer = {ConflictPolicy::Skip, false};
}

void ConflictDialog::choose(ConflictPolicy policy)
{
    m_answer = {policy, m_applyToAll->isChecked()};
    accept();
}
