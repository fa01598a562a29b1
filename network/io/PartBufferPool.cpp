#include "network/io/PartBufferPool.h"

#include <atomic>

QByteArray PartBufferPool::take(qint64 size)
{
    QByteArray buffer;
    {
        QMutexLocker lock(&m_mutex);
        // Prefer a buffer big enough already: resizing within its capacity touches no new page.
        qsizetype best = -1;
        for (qsizetype i = 0; i < m_buffers.size(); ++i) {
            const QByteArray &candidate = m_buffers.at(i);
            if (!candidate.isDetached())
                continue; // still sent, or still held by a reply Qt has not deleted yet
            if (best < 0 || (candidate.capacity() >= size && m_buffers.at(best).capacity() < size))
                best = i;
        }
        if (best >= 0)
            buffer = m_buffers.takeAt(best);
    }
    // Only this thread holds `buffer` now: nothing else can gain a reference to it. The fence
    // orders our writes after the other holder's last reads (it let go with a release).
    std::atomic_thread_fence(std::memory_order_acquire);
    buffer.resize(size);
    return buffer;
}

void PartBufferPool::give(QByteArray &&buffer)
{
    if (buffer.capacity() == 0)
        return;
    QByteArray dropped; // freed outside the lock
    QMutexLocker lock(&m_mutex);
    m_buffers.append(std::move(buffer));
    buffer = QByteArray();
    if (m_buffers.size() > m_maxKept)
        dropped = m_buffers.takeFirst();
}

void PartBufferPool::clear()
{
    QList<QByteArray> dropped;
    QMutexLocker lock(&m_mutex);
    dropped.swap(m_buffers);
}

int PartBufferPool::kept() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_buffers.size());
}

void PartBufferPool::addUser()
{
    QMutexLocker lock(&m_mutex);
    ++m_users;
}

void PartBufferPool::removeUser()
{
    QList<QByteArray> dropped;
    QMutexLocker lock(&m_mutex);
    if (--m_users <= 0) {
        m_users = 0;
        dropped.swap(m_buffers);
    }
}
