#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

using Bytes = std::vector<uint8_t>;

// The driver's mutations (FuzzDriver.cpp), from a seeded PRNG so that a run repeats exactly:
// 1 to 4 of bit flips, byte sets (random or a byte parsers care about), inserts, deletes,
// copies within the input, splices and pieces of other inputs, numbers in place of digit runs,
// and little-endian fields of 2, 4 or 8 bytes (for binary formats such as ZIP headers).
class FuzzMutator
{
public:
    explicit FuzzMutator(unsigned long long seed) : m_state(seed) { }

    size_t below(size_t n); // 0 when n is 0
    // `pool` (not empty) lends bytes for splices; the result is cut to `maxLen`.
    void mutate(Bytes &input, const std::vector<Bytes> &pool, size_t maxLen);

private:
    uint64_t next();
    uint64_t m_state;
};
