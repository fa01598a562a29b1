#pragma once

#include "network/account/KeyStore.h"

// A key store in memory, for tests: answers at once, and can be told to fail like a keychain
// that is not there.
class MemoryKeyStore : public KeyStore
{
public:
    explicit MemoryKeyStore(QString description = QStringLiteral("memory"))
        : m_description(std::move(description))
    {
    }

    QString description() const override { return m_description; }
    void read(Callback done) override;
    void write(const QString &key, Callback done) override;
    void remove(Callback done) override;

    QString key() const { return m_key; }
    // Non-empty: every call fails with this message.
    void setFailure(const QString &error) { m_failure = error; }

private:
    QString m_description;
    QString m_key;
    QString m_failure;
};
