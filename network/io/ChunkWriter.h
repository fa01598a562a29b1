#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

// Writes a download's bytes to its file on a thread of its own, in order, so the UI thread never
// waits on the disk (a write can block for hundreds of milliseconds when the kernel throttles
// dirty pages). The owner enqueues chunks and reads two counters: bytes written (on disk) and
// bytes pending (queued, in memory); it throttles the network when too much is pending.
// written(), failed() and drained() arrive queued on the owner's thread.
class ChunkWriter : public QObject
{
    Q_OBJECT
public:
    explicit ChunkWriter(QObject *parent = nullptr);
    ~ChunkWriter() override; // drops what is still queued (the file stays a correct prefix)

    // Opens (creating, never truncating) and locks the file; returns its current size, or -1
    // with an error (isLockedByOther() when another process holds it).
    qint64 open(const QString &path, QString *error);
    void append(QByteArray chunk);
    void truncate(qint64 size); // in order with the chunks around it
    void drain(); // drained() once everything before it is on disk
    void close(); // after the queue; the file can be renamed once drained

    qint64 written() const { return m_written.load(); }
    qint64 pending() const { return m_pending.load(); }
    bool hasFailed() const { return m_failed.load(); }
    bool isLockedByOther() const { return m_busy; } // open() failed: someone else writes it

Q_SIGNALS:
    void progressed(qint64 written); // coalesced: at most one waiting in the owner's queue
    void failed(const QString &error);
    void drained();

private:
    struct Command
    {
        enum Kind { Append, Truncate, Drain, Close } kind;
        QByteArray bytes;
        qint64 size = 0;
    };
    void push(Command command);
    void run();

    QString m_path;
    int m_fd = -1;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Command> m_queue;
    bool m_stop = false;
    std::atomic<qint64> m_written {0};
    std::atomic<qint64> m_pending {0};
    std::atomic_bool m_failed {false};
    std::atomic_bool m_progressQueued {false};
    bool m_busy = false;
};
