#pragma once

#include <QString>

#include <mutex>
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
    // Writers sharing one file take `lock` around each pwrite. The kernel serializes buffered
    // writes to one file anyway (the inode lock), but its waiters spin on a CPU while the
    // holder copies; waiting on a mutex sleeps and leaves that CPU to the MD5 work of the
    // other parts (perf: 5-6% of a 4-part upload's CPU was that spinning).
    void setWriteLock(std::mutex *lock) { m_writeLock = lock; }

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
    std::mutex *m_writeLock = nullptr;
    QString m_error;
};

} // namespace fal::emulator
