#pragma once

#include <QString>

// "Natural" name order, as file managers sort: digit runs compare by value ("img2" < "img10"),
// letters ignore case and accents ("Ärger" beside "Apfel", not after "Zebra"), and ties fall
// back to an exact comparison so the order is total (two names that differ only in case or
// accents never compare equal). Locale-independent and cheap: a folder of
// 100,000 entries is sorted with it on every listing.
class NaturalOrder
{
public:
    // < 0, 0 or > 0.
    static int compare(const QString &a, const QString &b);
    static bool lessThan(const QString &a, const QString &b) { return compare(a, b) < 0; }
};
