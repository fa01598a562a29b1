#pragma once

#include <QToolButton>

class QAction;

// The account the window is on, always in sight at the right of the status bar ("Emulator", or
// "1a2b3c:•••• on rest.alpha.fal.ai"); a click offers Sign In… and Sign Out.
class AccountButton : public QToolButton
{
    Q_OBJECT
public:
    AccountButton(QAction *signIn, QAction *signOut, QWidget *parent = nullptr);

    void setAccount(const QString &label, bool emulator);
};
