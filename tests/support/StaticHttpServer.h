#pragma once

#include <QByteArray>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

// A tiny HTTP/1.0 server on 127.0.0.1 serving fixed bodies by path, for URL-import tests (the
// emulator fetches from it). GET only; unknown paths answer 404.
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
        m_buffers.remove(socket);
        const QString path
            = requestLine.size() > 1 ? QString::fromUtf8(requestLine.at(1)) : QString();
        const auto body = m_bodies.constFind(path);
        if (body == m_bodies.cend()) {
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
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
