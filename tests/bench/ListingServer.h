#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>

// A minimal HTTP/1.1 server on its own thread that answers every GET with one JSON body held
// in memory: the listing of a 100,000-entry folder, without a disk or the emulator in the way.
// Serving runs off the bench's UI thread, so it does not count against the stall measurement.
class ListingServer : public QObject
{
    Q_OBJECT
public:
    // GET /files/list/<folder> answers `folderBody`; any other GET answers `rootBody`.
    ListingServer(QByteArray rootBody, QByteArray folder, QByteArray folderBody)
        : m_root(std::move(rootBody))
        , m_folder("/files/list/" + folder + " ")
        , m_body(std::move(folderBody))
    {
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
        connect(socket, &QTcpSocket::disconnected, socket, [socket, buffer] {
            delete buffer;
            socket->deleteLater();
        });
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
            buffer->append(socket->readAll());
            qsizetype end;
            while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
                const QByteArray &body = buffer->left(end).contains(m_folder) ? m_body : m_root;
                buffer->remove(0, end + 4);
                socket->write(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + QByteArray::number(body.size()) + "\r\n\r\n");
                socket->write(body);
            }
        });
    }

    QByteArray m_root;
    QByteArray m_folder;
    QByteArray m_body;
    QThread m_thread;
    QTcpServer *m_server = nullptr;
    quint16 m_port = 0;
};
