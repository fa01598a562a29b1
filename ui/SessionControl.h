#pragma once

#include "network/account/Credentials.h"

#include <QString>
#include <QUrl>

class KeyStore;

// What the window needs to know about, and do to, the account it shows: implemented by the app
// (AppSession), which owns the key store and the built-in emulator. Tests leave it out.
class SessionControl
{
public:
    virtual ~SessionControl() = default;

    virtual bool isEmulator() const = 0;
    // A sentence for the banner above the views; empty: no banner.
    virtual QString bannerText() const = 0;
    // "key id:•••• from the FAL_KEY environment variable", or that there is none.
    virtual QString currentKeyDescription() const = 0;
    virtual KeyStore *keyStore() const = 0;
    virtual QString storageNote() const = 0;
    virtual QUrl signInEndpoint() const = 0;
    virtual QString falConfigPath() const = 0;
    // Moves the app to a key the sign-in dialog has checked. False with a reason when it cannot
    // happen now (transfers are running for the current account).
    virtual bool switchAccount(const Credentials &credentials, const QUrl &endpoint,
                               QString *whyNot)
        = 0;
    // What the window always shows of the account: "Emulator", or "1a2b3c:•••• on
    // rest.alpha.fal.ai".
    virtual QString accountLabel() const = 0;
    // Forgets the key the app saved and goes back to the built-in emulator. False with a reason
    // when it cannot happen now (transfers are running). `note`: what still holds a key (FAL_KEY,
    // a profile), which would be used again at the next start.
    virtual bool signOut(QString *whyNot, QString *note) = 0;
};
