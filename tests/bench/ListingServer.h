#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QThread>

#include <functional>

// A minimal HTTP/1.1 server on its own thread that answers every GET with a JSON listing: the
// listing of a folder of 100,000 or a million entries, without a disk or the emulator in the way.
// Serving runs off the bench's UI thread, so it does not count against the stall measurement.
// The big folder's listing is written to a temporary file first and sent from it a megabyte at a
// time: the process's peak memory is then the client's, not a copy of 160 MB of JSON held for
// serving it, and making the JSON does not compete with the client for the CPU while it loads.
class ListingServer : public QObject
{
    Q_OBJECT
public:
    // The JSON of entry `index` of the big folder's listing.
    using EntryMaker = std::function<QByteArray(int index)>;

    // GET /files/list/<folder> answers the array of `entries` entries `makeEntry` makes (made
    // here, before any measurement); any other GET answers `rootBody`.
    ListingServer(QByteArray rootBody, QByteArray folder, int entries, EntryMaker makeEntry)
        : m_root(std::move(rootBody)), m_folder("/files/list/" + folder + " ")
    {
        m_file.open();
        QByteArray slice = "[";
        for (int i = 0; i < entries; ++i) {
            if (i)
                slice.append(',');
            slice.append(makeEntry(i));
            if (slice.size() >= kSlice) {
                m_file.write(slice);
                slice.clear();
            }
        }
        slice.append(']');
        m_file.write(slice);
        m_file.flush();
        m_bodySize = m_file.size();
        moveToThread(&m_thread);
        m_thread.start();
        QMetaObject::invokeMethod(this, &ListingServer::listen, Qt::BlockingQueuedConnection);
    }
    ~ListingServer() override
    {
        QMetaObject::invokeMethod(
            this, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    quint16 port() const { return m_port; }
    qint64 bodySize() const { return m_bodySize; }

private:
    void listen()
    {
        m_server = new QTcpServer;
        m_server->listen(QHostAddress::LocalHost, 0);
        m_port = m_server->serverPort();
        connect(m_server, &QTcpServer::newConnection, m_server, [this] {
            while (QTcpSocket *socket = m_server->nextPendingConnection())
                serve(socket);
        });
    }
    void serve(QTcpSocket *socket)
    {
        auto *buffer = new QByteArray;
        auto *next = new qint64(-1); // offset of the big listing's next slice; -1: none
        connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer, next] {
            delete buffer;
            delete next;
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::bytesWritten, socket, [this, socket, next] {
            if (*next >= 0 && socket->bytesToWrite() < kSlice)
                sendSlice(socket, next);
        });
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, next] {
            buffer->append(socket->readAll());
            qsizetype end;
            while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
                const bool big = buffer->left(end).contains(m_folder);
                buffer->remove(0, end + 4);
                socket->write(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(big ? m_bodySize : m_root.size()) + "\r\n\r\n");
                if (!big) {
                    socket->write(m_root);
                    continue;
                }
                *next = 0;
                sendSlice(socket, next);
            }
        });
    }
    // The next megabyte of the listing.
    void sendSlice(QTcpSocket *socket, qint64 *next)
    {
        QByteArray slice(qMin<qint64>(kSlice, m_bodySize - *next), Qt::Uninitialized);
        m_file.seek(*next);
        m_file.read(slice.data(), slice.size());
        *next += slice.size();
        if (*next == m_bodySize)
            *next = -1;
        socket->write(slice);
    }

    static constexpr qint64 kSlice = 1 << 20;
    QByteArray m_root;
    QByteArray m_folder;
    QTemporaryFile m_file;
    qint64 m_bodySize = 0;
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
};
