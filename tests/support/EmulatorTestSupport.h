#pragma once

// Helpers for the emulator's tests: an emulator on a QTemporaryDir root, raw httplib clients (so
// tests can send hostile targets byte for byte), multipart/form-data bodies and crafted ZIPs.

#include "emulator/EmulatorServer.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <archive.h>
#include <archive_entry.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <csignal>
#include <memory>
#include <string>
#include <vector>

namespace emutest {

using namespace fal::emulator;

inline const QString kKey = QStringLiteral("test-key-id:test-key-secret");

inline httplib::Headers authHeaders(const QString &key = kKey)
{
    return {{"Authorization", "Key " + key.toStdString()}};
}

inline QJsonDocument json(const httplib::Result &r)
{
    return r ? QJsonDocument::fromJson(QByteArray::fromStdString(r->body)) : QJsonDocument();
}

inline QString detailOf(const httplib::Result &r)
{
    return json(r).object().value(QStringLiteral("detail")).toString();
}

struct Form
{
    std::string body;
    std::string contentType;
};

// One part "file_upload" with a filename, the shape fal's SDK (httpx files=...) sends.
inline Form fileForm(const std::string &content, const std::string &filename = "chunk",
                     const std::string &field = "file_upload",
                     const std::string &boundary = "emulatorTestBoundary7MA4YWxk")
{
    Form f;
    f.contentType = "multipart/form-data; boundary=" + boundary;
    f.body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"";
    if (!filename.empty())
        f.body += "; filename=\"" + filename + "\"";
    f.body += "\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary
        + "--\r\n";
    return f;
}

struct ZipEntry
{
    enum Kind { File, Directory, Symlink };
    Kind kind = File;
    std::string name;
    std::string content; // file content, or the symlink target
};

// Builds a ZIP with libarchive's writer; names are written exactly as given (hostile or not).
inline QByteArray makeZip(const std::vector<ZipEntry> &entries)
{
    std::vector<char> buffer(64 * 1024 * 1024);
    size_t used = 0;
    archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    archive_write_open_memory(a, buffer.data(), buffer.size(), &used);
    for (const ZipEntry &e : entries) {
        archive_entry *entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.name.c_str());
        archive_entry_set_mtime(entry, 1700000000, 0);
        if (e.kind == ZipEntry::Directory) {
            archive_entry_set_filetype(entry, AE_IFDIR);
            archive_entry_set_perm(entry, 0755);
        } else if (e.kind == ZipEntry::Symlink) {
            archive_entry_set_filetype(entry, AE_IFLNK);
            archive_entry_set_perm(entry, 0777);
            archive_entry_set_symlink(entry, e.content.c_str());
        } else {
            archive_entry_set_filetype(entry, AE_IFREG);
            archive_entry_set_perm(entry, 0644);
            archive_entry_set_size(entry, la_int64_t(e.content.size()));
        }
        archive_write_header(a, entry);
        if (e.kind == ZipEntry::File && !e.content.empty())
            archive_write_data(a, e.content.data(), e.content.size());
        archive_entry_free(entry);
    }
    archive_write_close(a);
    archive_write_free(a);
    return QByteArray(buffer.data(), qsizetype(used));
}

inline bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// Names of everything under `dir`, relative, sorted; hidden entries included.
inline QStringList tree(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

inline httplib::Result postForm(httplib::Client &c, const std::string &target,
                                const std::string &content,
                                const std::string &filename = "upload.bin",
                                const QString &key = kKey)
{
    const Form form = fileForm(content, filename);
    return c.Post(target, authHeaders(key), form.body, form.contentType);
}

inline httplib::Result putPart(httplib::Client &c, const std::string &target,
                               const std::string &content)
{
    const Form form = fileForm(content, "chunk");
    return c.Put(target, authHeaders(), form.body, form.contentType);
}

inline httplib::Result postJson(httplib::Client &c, const std::string &target,
                                const QJsonObject &body)
{
    return c.Post(target, authHeaders(),
                  QJsonDocument(body).toJson(QJsonDocument::Compact).toStdString(),
                  "application/json");
}

inline std::string md5Hex(const std::string &data)
{
    return QCryptographicHash::hash(QByteArray::fromStdString(data), QCryptographicHash::Md5)
        .toHex()
        .toStdString();
}

// Deterministic pseudo-random bytes (incompressible, unlike repeated patterns).
inline std::string randomBytes(size_t size, quint32 seed = 1)
{
    std::string out(size, '\0');
    quint32 x = seed * 2654435761u + 1;
    for (size_t i = 0; i < size; ++i) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out[i] = char(x & 0xff);
    }
    return out;
}

// One plain TCP connection for requests that must go out exactly as written (no Content-Length,
// pipelined requests, ...). Answers are read one at a time by their Content-Length.
class RawConnection
{
public:
    struct Response
    {
        int status = 0;
        std::string headers;
        std::string body;
    };

    explicit RawConnection(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in sa {};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(port);
        sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
        timeval tv {10, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~RawConnection()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool send(const std::string &bytes)
    {
        size_t sent = 0;
        while (m_fd >= 0 && sent < bytes.size()) {
            const ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += size_t(n);
        }
        return m_fd >= 0;
    }

    // The next answer; status 0 if the connection closed first. `toClose`: read until EOF.
    Response read(bool toClose = false)
    {
        Response r;
        size_t end;
        while ((end = m_buffer.find("\r\n\r\n")) == std::string::npos) {
            if (!fill())
                return r;
        }
        r.headers = m_buffer.substr(0, end);
        m_buffer.erase(0, end + 4);
        if (r.headers.size() < 12)
            return r;
        r.status = std::stoi(r.headers.substr(9, 3));
        size_t length = 0;
        const QByteArray lower = QByteArray::fromStdString(r.headers).toLower();
        const qsizetype at = lower.indexOf("\r\ncontent-length:");
        if (at >= 0)
            length = size_t(
                lower.mid(at + 17, lower.indexOf('\r', at + 2) - at - 17).trimmed().toULongLong());
        while (toClose ? fill() : m_buffer.size() < length) {
            if (!toClose && !fill())
                break;
        }
        const size_t take = toClose ? m_buffer.size() : std::min(length, m_buffer.size());
        r.body = m_buffer.substr(0, take);
        m_buffer.erase(0, take);
        return r;
    }

    bool closedByPeer() { return m_buffer.empty() && !fill(); }

private:
    bool fill()
    {
        char chunk[65536];
        const ssize_t n = m_fd >= 0 ? ::recv(m_fd, chunk, sizeof chunk, 0) : -1;
        if (n <= 0)
            return false;
        m_buffer.append(chunk, size_t(n));
        return true;
    }

    int m_fd = -1;
    std::string m_buffer;
};

inline std::string rawRequest(const std::string &method, const std::string &target,
                              const std::string &extraHeaders = {}, const std::string &body = {},
                              bool withLength = true)
{
    std::string r = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Key "
        + kKey.toStdString() + "\r\n" + extraHeaders;
    if (withLength)
        r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    return r + "\r\n" + body;
}

// An emulator serving a fresh temporary root.
class Emulator
{
public:
    explicit Emulator(const FaultOptions &faults = {}, int expiryDays = 7,
                      const QString &root = QString())
    {
        std::signal(SIGPIPE, SIG_IGN);
        m_options.rootDir = root.isEmpty() ? m_dir.path() : root;
        m_options.key = kKey;
        m_options.faults = faults;
        m_options.uploadExpiryDays = expiryDays;
    }

    EmulatorOptions &options() { return m_options; }

    bool start()
    {
        m_server = std::make_unique<EmulatorServer>(m_options);
        QString error;
        const bool ok = m_server->start(&error);
        if (!ok)
            qWarning() << "emulator did not start:" << error;
        return ok;
    }

    EmulatorServer &server() { return *m_server; }
    QString root() const { return m_options.rootDir; }
    QString path(const QString &relative) const
    {
        return m_options.rootDir + QLatin1Char('/') + relative;
    }

    std::unique_ptr<httplib::Client> client() const
    {
        auto c = std::make_unique<httplib::Client>("127.0.0.1", int(m_server->port()));
        c->set_url_encode(false); // targets go out byte for byte
        c->set_read_timeout(30);
        c->set_write_timeout(30);
        c->set_tcp_nodelay(true);
        return c;
    }

private:
    QTemporaryDir m_dir;
    EmulatorOptions m_options;
    std::unique_ptr<EmulatorServer> m_server;
};

} // namespace emutest
