#pragma once

#include "emulator/store/BufferedFileWriter.h"
#include "network/io/Digest.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace fal::emulator {

class MultipartUpload;

// Streams one multipart part to disk while it arrives, computing its MD5 (the part's etag).
// The part goes straight into its slot of the upload's data file; if it grows past the slot
// (the client's part size is not the layout size) it moves to a file of its own and carries on.
// A part that fails half way is never recorded, so a stored part is always whole.
class PartWriter
{
public:
    static constexpr qint64 kMaxPartSize = 100 * 1024 * 1024;

    enum class Outcome { Ok, Gone, Busy, TooLarge, Error };

    PartWriter(std::shared_ptr<MultipartUpload> upload, int number);
    ~PartWriter(); // abandons the part if finish() did not succeed
    PartWriter(const PartWriter &) = delete;
    PartWriter &operator=(const PartWriter &) = delete;

    // Claims the part number (waiting while another request writes the same part) and forgets
    // any earlier copy of it: from here on the old bytes are being overwritten.
    Outcome begin(QString *error);
    bool write(const char *data, size_t length); // false on a disk error; oversize is remembered
    Outcome finish(QByteArray *etag, QString *error);

    qint64 size() const { return m_size; }

private:
    bool spill();
    void abandon();

    std::shared_ptr<MultipartUpload> m_upload;
    int m_number;
    std::unique_ptr<BufferedFileWriter> m_writer;
    int m_spillFd = -1;
    Digest m_md5 {Digest::Algorithm::Md5};
    qint64 m_size = 0;
    bool m_claimed = false;
    bool m_done = false;
    bool m_inPlace = true;
    bool m_tooLarge = false;
    bool m_replacing = false; // a stored copy exists and stays until this one is whole
    QString m_error;
};

} // namespace fal::emulator
