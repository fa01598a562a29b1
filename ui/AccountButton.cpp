#include "ui/AccountButton.h"

#include "ui/browse/FileIconProvider.h"

#include <QMenu>

AccountButton::AccountButton(QAction *signIn, QAction *signOut, QWidget *parent)
    : QToolButton(parent)
{
    setObjectName(QStringLiteral("AccountButton"));
    setAutoRaise(true);
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(this);
    menu->addActions({signIn, signOut});
    setMenu(menu);
}

void AccountButton::setAccount(const QString &label, bool emulator)
{
    setText(label);
    setIcon(FileIconProvider::named(emulator ? QStringLiteral("computer")
                                             : QStringLiteral("network-server")));
    setToolTip(emulator ? tr("The built-in emulator: a local /data, not fal's servers")
                        : tr("Signed in with key %1").arg(label));
}
