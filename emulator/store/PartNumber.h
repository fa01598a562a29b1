#pragma once

#include <string_view>

class QJsonValue;

namespace fal::emulator {

// A multipart part number, parsed strictly. The number places the part in the file
// ((n - 1) * chunk) and names it in complete, so a lenient reading moves bytes: complete once
// took part_number 4294967297 as part 1 (cut to 32 bits), and the part route read "+2", " 2" and
// "2\n" as part 2.
class PartNumber
{
public:
    static constexpr int kMin = 1;
    static constexpr int kMax = 10000; // fal's limit (S3's too)

    enum class Parse { Ok, NotInteger, OutOfRange };

    // A path segment: ASCII digits only (leading zeros allowed), no sign, no blanks.
    static Parse fromText(std::string_view text, int *number);
    // A JSON number with an integral value. Qt's parser stores 1.0 as the integer 1, so the
    // two cannot be told apart here; 1.5, strings, booleans and null are NotInteger.
    static Parse fromJson(const QJsonValue &value, int *number);
};

} // namespace fal::emulator
