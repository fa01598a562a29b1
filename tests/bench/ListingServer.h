#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

#include <functional>

// A minimal HTTP/1.1 server on its own thread that answers every GET with a JSON listing: the
// listing of a folder of 100,000 or a million entries, without a disk or the emulator in the way.
// Serving runs off the bench's UI thread, so it does not count against the stall measurement.
// The big folder's listing is made as it is sent, a megabyte at a time, so that the process's
// peak memory is the client's, not a copy of 160 MB of JSON held for serving it.
class ListingServer : public QObject
{
    Q_OBJECT
public:
    // The JSON of entry `index` of the big folder's listing.
    using EntryMaker = std::function<QByteArray(int index)>;

    // GET /files/list/<folder> answers the array of `entries` entries `makeEntry` makes; any other
    // GET answers `rootBody`.
    ListingServer(QByteArray rootBody, QByteArray folder, int entries, EntryMaker makeEntry)
        : m_root(std::move(rootBody))
        , m_folder("/files/list/" + folder + " ")
        , m_entries(entries)
        , m_makeEntry(std::move(makeEntry))
    {
        m_bodySize = 2 + qMax(0, entries - 1); // [ ] and the commas
        for (int i = 0; i < entries; ++i)
            m_bodySize += m_makeEntry(i).size();
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
        auto *next = new int(-1); // the next entry of the big listing to send; -1: none
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
                socket->write("[");
                *next = 0;
                sendSlice(socket, next);
            }
        });
    }
    // About a megabyte of entries, and the closing bracket after the last one.
    void sendSlice(QTcpSocket *socket, int *next)
    {
        QByteArray slice;
        slice.reserve(kSlice + 4096);
        while (*next < m_entries && slice.size() < kSlice) {
            if (*next > 0)
                slice.append(',');
            slice.append(m_makeEntry((*next)++));
        }
        if (*next == m_entries) {
            slice.append(']');
            *next = -1;
        }
        socket->write(slice);
    }

    static constexpr qint64 kSlice = 1 << 20;
    QByteArray m_root;
    QByteArray m_folder;
    int m_entries = 0;
    EntryMaker m_makeEntry;
    qint64 m_bodySize = 0;
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
};
