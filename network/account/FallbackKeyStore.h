#pragma once

#include "network/account/KeyStore.h"

#include <memory>

// The keychain when it answers, else the owner-only file: reads look in both (a key saved while
// the keychain was away is in the file), a write goes to the keychain and, only when that fails,
// to the file (and a successful keychain write removes any file copy, so no stale secret stays
// on disk). usingFallback() and fallbackReason() let the sign-in dialog say where the key went.
class FallbackKeyStore : public KeyStore
{
public:
    FallbackKeyStore(std::unique_ptr<KeyStore> primary, std::unique_ptr<KeyStore> fallback);

    QString description() const override;
    void read(Callback done) override;
    void write(const QString &key, Callback done) override;
    void remove(Callback done) override;

    bool usingFallback() const { return m_usingFallback; }
    QString fallbackReason() const { return m_fallbackReason; }
    KeyStore *primary() const { return m_primary.get(); }
    KeyStore *fallback() const { return m_fallback.get(); }

private:
    std::unique_ptr<KeyStore> m_primary;
    std::unique_ptr<KeyStore> m_fallback;
    bool m_usingFallback = false;
    QString m_fallbackReason;
};
