#pragma once

#include "network/account/KeyStore.h"

#include <QObject>

// The key in the system keychain (Secret Service, KWallet, macOS Keychain, Windows Credential
// Store) through QtKeychain. Headless machines have none: calls then fail (quickly, or after
// `timeoutMs` when the bus does not answer), and FallbackKeyStore moves on to a file.
class KeychainKeyStore : public KeyStore
{
public:
    explicit KeychainKeyStore(QString service = QStringLiteral("fal-files"),
                              QString account = QStringLiteral("api-key"));
    ~KeychainKeyStore() override;

    QString description() const override;
    void read(Callback done) override;
    void write(const QString &key, Callback done) override;
    void remove(Callback done) override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    // A keychain that is still locked right after login answers late or fails once; when the
    // key is known to be there, reads are tried this many more times, a second apart.
    void setReadRetries(int retries) { m_readRetries = retries; }

private:
    void readAttempt(Callback done, int retriesLeft);

    QString m_service;
    QString m_account;
    int m_timeoutMs = 8000;
    int m_readRetries = 0;
    QObject m_context; // connections die with the store
};
