#pragma once

// Helpers for the emulator's tests: an emulator on a QTemporaryDir root, raw httplib clients (so
// tests can send hostile targets byte for byte), multipart/form-data bodies and crafted ZIPs.

#include "EmulatorServer.h"

#include <QByteArray>
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
