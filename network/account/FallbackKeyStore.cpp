#include "network/account/FallbackKeyStore.h"

#include "network/account/AccountLog.h"

FallbackKeyStore::FallbackKeyStore(std::unique_ptr<KeyStore> primary,
                                   std::unique_ptr<KeyStore> fallback)
    : m_primary(std::move(primary)), m_fallback(std::move(fallback))
{
}

QString FallbackKeyStore::description() const
{
    return m_usingFallback ? m_fallback->description() : m_primary->description();
}

void FallbackKeyStore::read(Callback done)
{
    m_primary->read([this, done](const Result &primary) {
        if (primary.ok && !primary.key.isEmpty()) {
            m_usingFallback = false;
            return done(primary);
        }
        if (!primary.ok) {
            m_fallbackReason = primary.error;
            qCInfo(lcCredentials) << "reading the key from the file:" << primary.error;
        }
        m_fallback->read([this, done, primary](const Result &fallback) {
            if (fallback.ok && !fallback.key.isEmpty()) {
                m_usingFallback = true;
                return done(fallback);
            }
            m_usingFallback = !primary.ok;
            // Nothing stored anywhere we could look. The keychain's failure still travels in
            // `error` (with ok set): a key saved there earlier may only be out of reach now.
            done({fallback.ok, {}, primary.ok ? fallback.error : primary.error});
        });
    });
}

void FallbackKeyStore::write(const QString &key, Callback done)
{
    m_primary->write(key, [this, key, done](const Result &primary) {
        if (primary.ok) {
            m_usingFallback = false;
            m_fallbackReason.clear();
            m_fallback->remove([done](const Result &) { done({}); });
            return;
        }
        m_fallbackReason = primary.error;
        qCInfo(lcCredentials) << "keeping the key in the owner-only file:" << primary.error;
        m_fallback->write(key, [this, done](const Result &fallback) {
            m_usingFallback = fallback.ok;
            done(fallback);
        });
    });
}

void FallbackKeyStore::remove(Callback done)
{
    m_primary->remove([this, done](const Result &primary) {
        m_fallback->remove([done, primary](const Result &fallback) {
            // Gone from the file is what matters when the keychain is not there at all.
            done(fallback.ok ? Result {} : fallback);
            Q_UNUSED(primary);
        });
    });
}
