#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>

// Part bodies (10-16 MiB each) recycled from one part to the next. A fresh buffer per part costs
// a page fault every 4 KiB (~2-3 s per GiB on a VM), and buffers allocated on a worker thread and
// freed on another fragment malloc's arenas (a 1 GiB CLI upload peaked at 93-113 MB for ~45 MB of
// live bodies). A buffer is handed out again only once nobody else holds it: Qt's network thread
// keeps its reference until the reply is gone, and may read it after an abort (copy-on-write
// would keep those bytes intact anyway, by allocating anew: the pool waits instead).
//
// Thread-safe: take() runs on the QtConcurrent workers that read parts, give() on the job's thread.
class PartBufferPool
{
public:
    explicit PartBufferPool(int maxKept = 6) : m_maxKept(maxKept) { }

    // A buffer of exactly `size` bytes that no one else references (its contents are garbage).
    QByteArray take(qint64 size);
    // Back to the pool; the caller drops its reference. Others may still hold it for a while.
    void give(QByteArray &&buffer);
    // Frees what the pool holds (references still held elsewhere free when those let go).
    void clear();
    int kept() const;

    // Counted by the multipart uploads that use the pool: the last one to go frees the buffers,
    // so an idle app does not keep ~60 MB for the next upload.
    void addUser();
    void removeUser();

private:
    mutable QMutex m_mutex;
    QList<QByteArray> m_buffers; // oldest first
    int m_maxKept;
    int m_users = 0;
};
