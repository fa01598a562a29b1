#pragma once

#include <QString>

#include <vector>

namespace fal::emulator {

// Collects httplib's 4 KiB network reads into large positioned writes: one pwrite per 256 KiB
// instead of one write per read keeps a multi-GB upload from being syscall-bound.
class BufferedFileWriter
{
public:
    static constexpr size_t kBufferSize = 256 * 1024;

    BufferedFileWriter() = default;
    ~BufferedFileWriter();
    BufferedFileWriter(const BufferedFileWriter &) = delete;
    BufferedFileWriter &operator=(const BufferedFileWriter &) = delete;

    bool create(const QString &path); // O_CREAT|O_TRUNC, owns the fd
    void attach(int fd, qint64 offset); // writes at offset.., does not own the fd

    bool write(const char *data, size_t length);
    bool flush();
    bool close(); // flushes; closes an owned fd

    qint64 written() const { return m_written + qint64(m_buffer.size()); } // accepted bytes
    qint64 flushed() const { return m_written; }
    int fd() const { return m_fd; }
    qint64 offset() const { return m_offset; }
    QString errorString() const { return m_error; }

private:
    bool fail();

    int m_fd = -1;
    bool m_owned = false;
    qint64 m_offset = 0;
    qint64 m_written = 0;
    std::vector<char> m_buffer;
    QString m_error;
};

} // namespace fal::emulator
