#pragma once

// Shared by the fuzz targets (fuzz_<name>.cpp): a check that turns a broken invariant into a
// crash the driver or libFuzzer reports with its input, and quiet Qt logging (the emulator
// warns about every odd archive; millions of lines would only slow the run).

#include <QLoggingCategory>
#include <QString>

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                      \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__,          \
                         __LINE__);                                                                \
            std::abort();                                                                          \
        }                                                                                          \
    } while (0)

inline void fuzzQuietLogging()
{
    static const bool once = [] {
        QLoggingCategory::setFilterRules(QStringLiteral("*=false"));
        return true;
    }();
    (void)once;
}
