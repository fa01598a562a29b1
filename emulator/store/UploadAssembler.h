#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace fal::emulator {

class MultipartUpload;
class StagingArea;
struct ResolvedPath;

struct MultipartCompleteResult
{
    int status = 200;
    QString error;
    QByteArray etag; // md5 hex of the whole file
};

// Turns the listed, already validated parts of an upload into the target file and its MD5.
//
// Fast path: parts 1..k sit in their slots of the data file with the layout size (the last may
// be shorter), so the data file is truncated and renamed onto the target, and only the part of
// the running MD5 the background hasher has not reached yet is computed. Otherwise the parts are
// copied, in order, into a new file under tmp/ while hashing. Either way the target appears
// whole, by rename(); on failure the upload stays as it was.
class UploadAssembler
{
public:
    static MultipartCompleteResult assemble(MultipartUpload &upload, const ResolvedPath &target,
                                            const QList<QPair<int, QByteArray>> &listed,
                                            const StagingArea &staging);
};

} // namespace fal::emulator
