#include "network/account/MemoryKeyStore.h"

void MemoryKeyStore::read(Callback done)
{
    done(m_failure.isEmpty() ? Result {true, m_key, {}} : Result {false, {}, m_failure});
}

void MemoryKeyStore::write(const QString &key, Callback done)
{
    if (m_failure.isEmpty())
        m_key = key;
    done(m_failure.isEmpty() ? Result {} : Result {false, {}, m_failure});
}

void MemoryKeyStore::remove(Callback done)
{
    if (m_failure.isEmpty())
        m_key.clear();
    done(m_failure.isEmpty() ? Result {} : Result {false, {}, m_failure});
}
