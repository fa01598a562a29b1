#include "tests/fuzz/FuzzMutator.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>

namespace {

const uint8_t kInterestingBytes[] = {0,    1,    0x7f, 0x80, 0xff, '/', '.', '%', '\\', '"',
                                     '\r', '\n', '-',  '0',  '9',  ' ', ':', ';', '=',  ','};
const char *const kNumbers[] = {"0",
                                "-1",
                                "1",
                                "4294967297",
                                "65535",
                                "1e308",
                                "-0",
                                "10001",
                                "9223372036854775807",
                                "1.5",
                                "18446744073709551616",
                                "2147483648",
                                ""};
const uint64_t kFieldValues[] = {0,
                                 1,
                                 0x7f,
                                 0xff,
                                 0xffff,
                                 0x7fffffff,
                                 0xffffffff,
                                 0x80000000,
                                 0xffffffffffffffffull,
                                 0x7fffffffffffffffull};

} // namespace

uint64_t FuzzMutator::next()
{
    // splitmix64: small, fast, and the same sequence everywhere for a seed.
    uint64_t z = (m_state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

size_t FuzzMutator::below(size_t n)
{
    return n ? size_t(next() % n) : 0;
}

void FuzzMutator::mutate(Bytes &b, const std::vector<Bytes> &pool, size_t maxLen)
{
    const int rounds = 1 + int(below(4));
    for (int r = 0; r < rounds; ++r) {
        const size_t at = below(b.size() + 1);
        switch (below(10)) {
        case 0: // flip a bit
            if (!b.empty())
                b[below(b.size())] ^= uint8_t(1u << below(8));
            break;
        case 1: // any byte
            if (!b.empty())
                b[below(b.size())] = uint8_t(next());
            break;
        case 2: // a byte parsers care about
            if (!b.empty())
                b[below(b.size())] = kInterestingBytes[below(sizeof kInterestingBytes)];
            break;
        case 3: { // insert random bytes
            const size_t n = 1 + below(8);
            for (size_t i = 0; i < n; ++i)
                b.insert(b.begin() + long(at), uint8_t(next()));
            break;
        }
        case 4: // delete a range
            if (at < b.size())
                b.erase(b.begin() + long(at),
                        b.begin() + long(std::min(b.size(), at + 1 + below(16))));
            break;
        case 5: // copy a range of this input elsewhere into it
            if (!b.empty()) {
                const size_t from = below(b.size());
                const size_t n = 1 + below(std::min<size_t>(32, b.size() - from));
                const Bytes chunk(b.begin() + long(from), b.begin() + long(from + n));
                b.insert(b.begin() + long(at), chunk.begin(), chunk.end());
            }
            break;
        case 6: { // splice: this input's head, another one's tail
            const Bytes &other = pool[below(pool.size())];
            const size_t from = below(other.size() + 1);
            b.resize(at);
            b.insert(b.end(), other.begin() + long(from), other.end());
            break;
        }
        case 7: { // a piece of another input inserted (carries its tokens over)
            const Bytes &other = pool[below(pool.size())];
            if (!other.empty()) {
                const size_t from = below(other.size());
                const size_t n = 1 + below(std::min<size_t>(16, other.size() - from));
                b.insert(b.begin() + long(at), other.begin() + long(from),
                         other.begin() + long(from + n));
            }
            break;
        }
        case 8: { // a number in place of a digit run (or inserted)
            const char *number = kNumbers[below(std::size(kNumbers))];
            size_t start = at, end = at;
            while (start > 0 && std::isdigit(b[start - 1]))
                --start;
            while (end < b.size() && std::isdigit(b[end]))
                ++end;
            b.erase(b.begin() + long(start), b.begin() + long(end));
            b.insert(b.begin() + long(start), number, number + std::strlen(number));
            break;
        }
        default: { // a little-endian field of 2, 4 or 8 bytes (binary formats: ZIP headers)
            const size_t width = size_t(2) << below(3);
            if (b.size() >= width) {
                const size_t pos = below(b.size() - width + 1);
                const uint64_t value = below(4) == 0 ? uint64_t(b.size())
                                                     : kFieldValues[below(std::size(kFieldValues))];
                for (size_t i = 0; i < width; ++i)
                    b[pos + i] = uint8_t(value >> (8 * i));
            }
            break;
        }
        }
    }
    if (b.size() > maxLen)
        b.resize(maxLen);
}
