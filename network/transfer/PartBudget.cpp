#include "network/transfer/PartBudget.h"

PartBudget::PartBudget(int limit, QObject *parent) : QObject(parent), m_limit(qMax(1, limit)) { }

bool PartBudget::tryAcquire()
{
    if (m_inUse >= m_limit)
        return false;
    ++m_inUse;
    return true;
}

void PartBudget::release()
{
    Q_ASSERT(m_inUse > 0);
    m_inUse = qMax(0, m_inUse - 1);
    Q_EMIT available();
}

void PartBudget::setLimit(int limit)
{
    const bool raised = limit > m_limit;
    m_limit = qMax(1, limit);
    if (raised)
        Q_EMIT available();
}
