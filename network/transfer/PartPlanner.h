#pragma once

#include <QtGlobal>

// How a file is cut for upload. fal's CLI sends files above 10 MiB in fixed 10 MiB parts, which
// caps a file at ~97.7 GiB (10,000 parts); here the part size grows with the file so that up to
// ~976 GiB fits, within the server's limits (parts <= 100 MiB, <= 10,000 parts).
struct PartPlanner
{
    static constexpr qint64 kMiB = 1024 * 1024;
    static constexpr qint64 kMultipartThreshold = 10 * kMiB; // strictly above goes multipart
    static constexpr qint64 kMinPartSize = 10 * kMiB;
    static constexpr qint64 kMaxPartSize = 100 * kMiB;
    static constexpr int kMaxParts = 10'000;

    static bool usesMultipart(qint64 fileSize) { return fileSize > kMultipartThreshold; }
    // Smallest whole number of MiB >= 10 MiB that keeps the file within 10,000 parts; -1 when the
    // file is too big for the API at all.
    static qint64 partSizeFor(qint64 fileSize);
    static int partCount(qint64 fileSize, qint64 partSize);
    static qint64 partOffset(int partNumber, qint64 partSize)
    {
        return qint64(partNumber - 1) * partSize;
    }
    static qint64 partLength(int partNumber, qint64 fileSize, qint64 partSize);
};
