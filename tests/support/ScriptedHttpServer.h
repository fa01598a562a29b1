#pragma once

#include <QByteArray>
#include <QHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <functional>

// A hostile or broken HTTP server on 127.0.0.1, scripted by the test: for each request (method,
// target, headers as one block) the script returns the raw bytes to send, and whether to close
// the connection after them. Returning std::nullopt says nothing at all and keeps the connection
// open (a server that accepts and then goes silent). Counts the requests it saw.
class ScriptedHttpServer : public QTcpServer
{
public:
    struct Request
    {
        QByteArray method;
        QByteArray target;
        QByteArray head; // request line and headers
        QByteArray header(const QByteArray &name) const
        {
            for (const QByteArray &line : head.split('\n')) {
                const int colon = line.indexOf(':');
                if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
                    return line.mid(colon + 1).trimmed();
            }
            return {};
        }
    };
    using Script = std::function<std::optional<QByteArray>(const Request &)>;

    explicit ScriptedHttpServer(Script script) : m_script(std::move(script))
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { answer(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(serverPort())); }
    int requests() const { return m_requests; }

    // "HTTP/1.1 <status>" with the headers and the body, closing the connection.
    static QByteArray response(int status, const QByteArray &reason, const QByteArray &body,
                               const QByteArray &extraHeaders = {})
    {
        return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
            + "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n"
            + extraHeaders + "\r\n" + body;
    }

private:
    void answer(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        Request request;
        request.head = buffer.left(end);
        const QList<QByteArray> line = request.head.left(request.head.indexOf("\r\n")).split(' ');
        request.method = line.value(0);
        request.target = line.value(1);
        m_buffers.remove(socket);
        ++m_requests;
        const std::optional<QByteArray> reply = m_script(request);
        if (!reply)
            return; // silence
        socket->write(*reply);
        socket->disconnectFromHost();
    }

    Script m_script;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    int m_requests = 0;
};
