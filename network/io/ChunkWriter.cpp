#include "network/io/ChunkWriter.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

ChunkWriter::ChunkWriter(QObject *parent) : QObject(parent) { }

ChunkWriter::~ChunkWriter()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
    if (m_fd >= 0)
        ::close(m_fd);
}

qint64 ChunkWriter::open(const QString &path, QString *error)
{
    m_path = path;
    const QByteArray name = QFile::encodeName(path);
    // Never through a link (a planted symlink would send the bytes wherever it points): created
    // exclusively when new, opened without following links when resumed, and only a plain file
    // with no other names (a hard link to a file elsewhere) is written.
    m_fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (m_fd < 0 && errno == EEXIST)
        m_fd = ::open(name.constData(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
    if (m_fd < 0) {
        *error = errno == ELOOP
            ? QStringLiteral("it is a symbolic link; nothing is written through it")
            : QString::fromLocal8Bit(std::strerror(errno));
        return -1;
    }
    struct stat info
    {
    };
    if (::fstat(m_fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_nlink != 1) {
        *error = QStringLiteral("it is not a plain file of its own (a device, a pipe or a hard "
                                "link); nothing is written to it");
        ::close(m_fd);
        m_fd = -1;
        return -1;
    }
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) & ~O_NONBLOCK);
    // One writer per file, across processes: the kernel drops the lock with the process, so a
    // crash leaves nothing stale, and taking it costs no disk write (a lock *file* would fsync,
    // which stalls for a long time while the disk is busy).
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        *error = errno == EWOULDBLOCK ? QStringLiteral("another fal Files process is writing it")
                                      : QString::fromLocal8Bit(std::strerror(errno));
        ::close(m_fd);
        m_fd = -1;
        m_busy = errno == EWOULDBLOCK;
        return -1;
    }
    const off_t size = ::lseek(m_fd, 0, SEEK_END);
    m_written = size;
    m_thread = std::thread([this] { run(); });
    return size;
}

void ChunkWriter::push(Command command)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(command));
    }
    m_wake.notify_one();
}

void ChunkWriter::append(QByteArray chunk)
{
    m_pending += chunk.size();
    push({Command::Append, std::move(chunk), 0});
}

void ChunkWriter::truncate(qint64 size)
{
    push({Command::Truncate, {}, size});
}

void ChunkWriter::drain()
{
    push({Command::Drain, {}, 0});
}

void ChunkWriter::close()
{
    push({Command::Close, {}, 0});
}

void ChunkWriter::run()
{
    for (;;) {
        Command command;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
            if (m_queue.empty())
                return; // stopping with nothing left to write
            command = std::move(m_queue.front());
            m_queue.pop_front();
        }
        const bool writes = command.kind == Command::Append || command.kind == Command::Truncate;
        bool stopping = false;
        {
            std::lock_guard lock(m_mutex);
            stopping = m_stop;
        }
        if (writes && (m_failed.load() || stopping)) {
            // After an error, or when the owner is gone, nothing more is written: what is on
            // disk stays a correct prefix of the download.
            m_pending -= command.bytes.size();
            continue;
        }
        QString error;
        switch (command.kind) {
        case Command::Append: {
            const char *data = command.bytes.constData();
            qint64 left = command.bytes.size();
            while (left > 0) {
                const ssize_t n = ::write(m_fd, data, size_t(left));
                if (n < 0 && errno == EINTR)
                    continue;
                if (n <= 0) {
                    error = QString::fromLocal8Bit(std::strerror(n < 0 ? errno : ENOSPC));
                    break;
                }
                data += n;
                left -= n;
                m_written += n;
            }
            m_pending -= command.bytes.size();
            break;
        }
        case Command::Truncate:
            if (::ftruncate(m_fd, off_t(command.size)) != 0
                || ::lseek(m_fd, off_t(command.size), SEEK_SET) < 0)
                error = QString::fromLocal8Bit(std::strerror(errno));
            else
                m_written = command.size;
            break;
        case Command::Drain:
            QMetaObject::invokeMethod(this, &ChunkWriter::drained, Qt::QueuedConnection);
            continue;
        case Command::Close:
            if (::close(m_fd) != 0)
                error = QString::fromLocal8Bit(std::strerror(errno));
            m_fd = -1;
            QMetaObject::invokeMethod(this, &ChunkWriter::drained, Qt::QueuedConnection);
            break;
        }
        if (!error.isEmpty()) {
            m_failed = true;
            QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
        } else if (!m_progressQueued.exchange(true)) {
            QMetaObject::invokeMethod(
                this,
                [this] {
                    m_progressQueued = false;
                    Q_EMIT progressed(m_written.load());
                },
                Qt::QueuedConnection);
        }
    }
}
