#pragma once

#include <QByteArray>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

// A tiny HTTP/1.0 server on 127.0.0.1 serving fixed bodies by path, for URL-import tests (the
// emulator fetches from it), or whole scripted answers (a 302, an error with a hostile detail) to
// any method. Unknown paths answer 404. Every request's head is kept for the test to look at.
class StaticHttpServer : public QTcpServer
{
public:
    StaticHttpServer()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    void serve(const QString &path, const QByteArray &body) { m_bodies.insert(path, body); }
    // The whole answer to `path` (status line, headers, body), sent byte for byte.
    void serveRaw(const QString &path, const QByteArray &response) { m_raw.insert(path, response); }
    // The head (request line and headers) of every request received so far.
    QList<QByteArray> requests() const { return m_requests; }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path));
    }

private:
    void answer(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        if (!buffer.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
        m_requests << buffer.left(buffer.indexOf("\r\n\r\n"));
        m_buffers.remove(socket);
        const QString path
            = requestLine.size() > 1 ? QString::fromUtf8(requestLine.at(1)) : QString();
        const auto body = m_bodies.constFind(path);
        if (const auto raw = m_raw.constFind(path); raw != m_raw.cend()) {
            socket->write(*raw);
        } else if (body == m_bodies.cend()) {
            socket->write("HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        } else {
            socket->write(
                "HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + QByteArray::number(body->size()) + "\r\n\r\n");
            socket->write(*body);
        }
        socket->disconnectFromHost();
    }

    QHash<QString, QByteArray> m_bodies;
    QHash<QString, QByteArray> m_raw;
    QList<QByteArray> m_requests;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
