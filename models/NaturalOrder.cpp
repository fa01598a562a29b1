#include "models/NaturalOrder.h"

int NaturalOrder::compare(const QString &a, const QString &b)
{
    const QChar *p = a.constData();
    const QChar *pEnd = p + a.size();
    const QChar *q = b.constData();
    const QChar *qEnd = q + b.size();
    while (p < pEnd && q < qEnd) {
        if (p->isDigit() && q->isDigit()) {
            // Compare the numbers by value: skip leading zeros, then the longer run is larger,
            // then the first differing digit decides. No overflow, whatever the length.
            const QChar *pStart = p;
            const QChar *qStart = q;
            while (p < pEnd && *p == QLatin1Char('0'))
                ++p;
            while (q < qEnd && *q == QLatin1Char('0'))
                ++q;
            const QChar *pDigits = p;
            const QChar *qDigits = q;
            while (p < pEnd && p->isDigit())
                ++p;
            while (q < qEnd && q->isDigit())
                ++q;
            const qsizetype pLength = p - pDigits;
            const qsizetype qLength = q - qDigits;
            if (pLength != qLength)
                return pLength < qLength ? -1 : 1;
            for (qsizetype i = 0; i < pLength; ++i) {
                if (pDigits[i] != qDigits[i])
                    return pDigits[i] < qDigits[i] ? -1 : 1;
            }
            // Same value: fewer leading zeros first ("1" before "01").
            if ((pDigits - pStart) != (qDigits - qStart))
                return (pDigits - pStart) < (qDigits - qStart) ? -1 : 1;
            continue;
        }
        const QChar pc = p->toCaseFolded();
        const QChar qc = q->toCaseFolded();
        if (pc != qc)
            return pc < qc ? -1 : 1;
        ++p;
        ++q;
    }
    if (p < pEnd)
        return 1;
    if (q < qEnd)
        return -1;
    return a.compare(b); // only the case differs: a stable, total order
}
