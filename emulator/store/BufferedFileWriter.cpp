#include "emulator/store/BufferedFileWriter.h"

#include <QFile>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fal::emulator {

BufferedFileWriter::~BufferedFileWriter()
{
    if (m_owned && m_fd >= 0)
        ::close(m_fd);
}

bool BufferedFileWriter::fail()
{
    m_error = QString::fromLocal8Bit(std::strerror(errno));
    return false;
}

bool BufferedFileWriter::create(const QString &path)
{
    m_fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
                  0644);
    m_owned = true;
    m_offset = 0;
    m_written = 0;
    m_buffer.reserve(kBufferSize);
    return m_fd >= 0 || fail();
}

void BufferedFileWriter::attach(int fd, qint64 offset)
{
    m_fd = fd;
    m_owned = false;
    m_offset = offset;
    m_written = 0;
    m_buffer.reserve(kBufferSize);
}

bool BufferedFileWriter::write(const char *data, size_t length)
{
    while (length > 0) {
        const size_t room = kBufferSize - m_buffer.size();
        const size_t take = std::min(room, length);
        m_buffer.insert(m_buffer.end(), data, data + take);
        data += take;
        length -= take;
        if (m_buffer.size() == kBufferSize && !flush())
            return false;
    }
    return true;
}

bool BufferedFileWriter::flush()
{
    std::unique_lock<std::mutex> lock;
    if (m_writeLock && !m_buffer.empty())
        lock = std::unique_lock(*m_writeLock);
    size_t done = 0;
    while (done < m_buffer.size()) {
        const ssize_t n = ::pwrite(m_fd, m_buffer.data() + done, m_buffer.size() - done,
                                   off_t(m_offset + m_written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail();
        done += size_t(n);
        m_written += n;
    }
    m_buffer.clear();
    return true;
}

bool BufferedFileWriter::close()
{
    const bool ok = m_fd >= 0 && flush();
    if (m_owned && m_fd >= 0) {
        if (::close(m_fd) != 0 && ok)
            fail();
        m_fd = -1;
    }
    return ok && m_error.isEmpty();
}

} // namespace fal::emulator
