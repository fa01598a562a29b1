#include "models/NaturalOrder.h"

#include <array>

namespace {

// The letters of Latin-1 Supplement and Latin Extended-A/B (U+00C0-U+024F) that decompose to an
// ASCII letter and an accent sort as that letter ("Ärger" beside "Apfel", "éclair" beside
// "eclipse"), as file managers do; built once from Unicode's own decompositions. Letters
// without one (ø, ł, ß) keep their place after z: where they belong depends on the language.
constexpr char16_t kFirstAccented = 0x00C0;
constexpr char16_t kLastAccented = 0x024F;

const std::array<char16_t, kLastAccented - kFirstAccented + 1> &accentFolds()
{
    static const auto table = [] {
        std::array<char16_t, kLastAccented - kFirstAccented + 1> folds {};
        for (char16_t c = kFirstAccented; c <= kLastAccented; ++c) {
            char16_t base = c;
            if (QChar::decompositionTag(c) == QChar::Canonical) {
                const QString parts = QChar::decomposition(c);
                if (!parts.isEmpty() && parts.at(0).unicode() < 0x80 && parts.at(0).isLetter())
                    base = parts.at(0).unicode();
            }
            folds[c - kFirstAccented] = QChar(base).toCaseFolded().unicode();
        }
        return folds;
    }();
    return table;
}

// Case and, for the letters above, accents folded away.
QChar folded(QChar c)
{
    if (c.unicode() >= kFirstAccented && c.unicode() <= kLastAccented)
        return QChar(accentFolds()[c.unicode() - kFirstAccented]);
    return c.toCaseFolded();
}

} // namespace

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
        const QChar pc = folded(*p);
        const QChar qc = folded(*q);
        if (pc != qc)
            return pc < qc ? -1 : 1;
        ++p;
        ++q;
    }
    if (p < pEnd)
        return 1;
    if (q < qEnd)
        return -1;
    return a.compare(b); // only the case or accents differ: a stable, total order
}
