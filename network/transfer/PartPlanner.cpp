#include "network/transfer/PartPlanner.h"

qint64 PartPlanner::partSizeFor(qint64 fileSize)
{
    if (fileSize > kMaxPartSize * kMaxParts)
        return -1;
    const qint64 needed = (fileSize + kMaxParts - 1) / kMaxParts;
    const qint64 roundedToMiB = (needed + kMiB - 1) / kMiB * kMiB;
    return qMax(kMinPartSize, roundedToMiB);
}

int PartPlanner::partCount(qint64 fileSize, qint64 partSize)
{
    if (fileSize <= 0)
        return 1;
    return int((fileSize + partSize - 1) / partSize);
}

qint64 PartPlanner::partLength(int partNumber, qint64 fileSize, qint64 partSize)
{
    const qint64 offset = partOffset(partNumber, partSize);
    return qBound<qint64>(0, fileSize - offset, partSize);
}
