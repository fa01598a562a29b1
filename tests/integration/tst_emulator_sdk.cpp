// Replays, byte for byte where it matters, the requests fal's own Python SDK sends (fal/files.py
// FalFileSystem, fal/upload.py DataFileMultipartUpload, fal/sync.py sync_dir, the generated
// openapi_fal_rest client): absolute //data paths, httpx multipart bodies, bodiless POSTs,
// chunked bodies, and the status codes and fields the SDK checks. The SDK itself cannot be
// installed here, so the wire shapes are reproduced from its source.

#include "tests/support/EmulatorTestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <thread>

using namespace emutest;

namespace {

using RawResponse = RawConnection::Response;

// Sends `request` as is on a new connection (the SDK's client speaks plain HTTP/1.1).
RawResponse raw(quint16 port, const std::string &request)
{
    RawConnection connection(port);
    connection.send(request);
    return connection.read();
}

// What httpx puts on every request of the SDK's client.
std::string httpxHeaders(quint16 port)
{
    return "Host: 127.0.0.1:" + std::to_string(port)
        + "\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\n"
          "Connection: close\r\nUser-Agent: fal-sdk/1.14.0 (python)\r\nAuthorization: Key "
        + kKey.toStdString() + "\r\n";
}

// httpx's multipart encoder: a 32-hex-digit boundary, one file field.
Form httpxFiles(const std::string &filename, const std::string &content)
{
    return fileForm(content, filename, "file_upload", "7d1d9d2b1e2f4c7a8d9e0f1a2b3c4d5e");
}

std::string sdkDirHash(const QString &dir)
{
    // fal/sync.py _compute_directory_hash: sha256 over the bytes of every file, in walk order,
    // skipping .fal_hash. Our test folder has one file per directory level, so order is fixed.
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(readFile(dir + "/a.txt"));
    h.addData(readFile(dir + "/sub/b.txt"));
    return h.result().toHex().toStdString();
}

} // namespace

class TestEmulatorSdk : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Emulator> m_emu;
    std::unique_ptr<httplib::Client> m_client;

    httplib::Client &c() { return *m_client; }
    quint16 port() { return m_emu->server().port(); }

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<Emulator>();
        QVERIFY(m_emu->start());
        m_client = m_emu->client();
        QVERIFY(writeFile(m_emu->path("tmp/x/a.bin"), "a"));
        QVERIFY(writeFile(m_emu->path("tmp/x/nested/b.bin"), "bb"));
    }

    void cleanup()
    {
        m_client.reset();
        m_emu.reset();
    }

    void lsAndInfoCompareAbsolutePaths()
    {
        // FalFileSystem.ls("/data/tmp/x") -> GET /files/list//data/tmp/x
        RawResponse r = raw(
            port(), "GET /files/list//data/tmp/x HTTP/1.1\r\n" + httpxHeaders(port()) + "\r\n");
        QCOMPARE(r.status, 200);
        const QJsonArray entries
            = QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).array();
        QStringList names;
        for (const QJsonValue &e : entries)
            names << e.toObject().value("path").toString();
        QCOMPARE(names, QStringList({"/data/tmp/x/a.bin", "/data/tmp/x/nested"}));
        // info("/data/tmp") lists its parent "/data" and looks for name == "/data/tmp".
        r = raw(port(), "GET /files/list//data HTTP/1.1\r\n" + httpxHeaders(port()) + "\r\n");
        QCOMPARE(r.status, 200);
        QVERIFY(QByteArray::fromStdString(r.body).contains("\"path\": \"/data/tmp\""));
        // The SDK reads size, is_file and updated_time of each entry.
        const QJsonObject a = entries.at(0).toObject();
        QCOMPARE(a.value("size").toInt(), 1);
        QVERIFY(a.value("is_file").toBool());
        QVERIFY(a.value("updated_time").isDouble());
    }

    void putFileSmall()
    {
        // put_file(size <= 10 MiB): POST /files/file/local//data/... files={"file_upload": (name,
        // f)}
        const Form form = httpxFiles("small.bin", "small contents");
        RawResponse r
            = raw(port(),
                  "POST /files/file/local//data/sdk/small.bin HTTP/1.1\r\n" + httpxHeaders(port())
                      + "Content-Length: " + std::to_string(form.body.size())
                      + "\r\nContent-Type: " + form.contentType + "\r\n\r\n" + form.body);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string("true"));
        QCOMPARE(readFile(m_emu->path("sdk/small.bin")), QByteArray("small contents"));

        // The same with a chunked body (httpx streams a file-like whose length it cannot tell).
        std::string chunked;
        for (size_t i = 0; i < form.body.size(); i += 7) {
            const std::string piece = form.body.substr(i, 7);
            char size[16];
            std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
            chunked += size + piece + "\r\n";
        }
        chunked += "0\r\n\r\n";
        r = raw(port(),
                "POST /files/file/local//data/sdk/chunked.bin HTTP/1.1\r\n" + httpxHeaders(port())
                    + "Transfer-Encoding: chunked\r\nContent-Type: " + form.contentType + "\r\n\r\n"
                    + chunked);
        QCOMPARE(r.status, 200);
        QCOMPARE(readFile(m_emu->path("sdk/chunked.bin")), QByteArray("small contents"));
    }

    void multipartLikeDataFileMultipartUpload()
    {
        const std::string data = randomBytes(size_t(21 * 1024 * 1024), 21);
        // initiate without a body: no Content-Length at all, and Content-Length: 0.
        RawResponse r = raw(port(),
                            "POST /files/file/multipart//data/sdk/big.bin/initiate HTTP/1.1\r\n"
                                + httpxHeaders(port()) + "\r\n");
        QCOMPARE(r.status, 200);
        const QJsonObject first
            = QJsonDocument::fromJson(QByteArray::fromStdString(r.body)).object();
        QCOMPARE(first.keys(), QStringList({"upload_id"}));
        r = raw(port(),
                "POST /files/file/multipart//data/sdk/big.bin/initiate HTTP/1.1\r\n"
                    + httpxHeaders(port()) + "Content-Length: 0\r\n\r\n");
        QCOMPARE(r.status, 200);
        const std::string id = QJsonDocument::fromJson(QByteArray::fromStdString(r.body))
                                   .object()
                                   .value("upload_id")
                                   .toString()
                                   .toStdString();
        QVERIFY(id != first.value("upload_id").toString().toStdString());

        // Parts: PUT .../{id}/{n}, files={"file_upload": ("chunk", data,
        // "application/octet-stream")}, 10 MiB each, concurrently (MULTIPART_MAX_CONCURRENCY = 10).
        const size_t chunk = 10 * 1024 * 1024;
        const std::string base = "/files/file/multipart//data/sdk/big.bin/" + id;
        std::vector<QJsonObject> parts(3);
        std::vector<std::thread> threads;
        for (int n = 3; n >= 1; --n) {
            threads.emplace_back([&, n] {
                const Form form = httpxFiles("chunk", data.substr(size_t(n - 1) * chunk, chunk));
                auto client = m_emu->client();
                auto res = client->Put(base + "/" + std::to_string(n), authHeaders(), form.body,
                                       form.contentType);
                if (res && res->status == 200) // the SDK accepts 200/201/204
                    parts[size_t(n - 1)] = json(res).object();
            });
        }
        for (auto &t : threads)
            t.join();
        QJsonArray sorted;
        for (const QJsonObject &p : parts) {
            QCOMPARE(p.keys(), QStringList({"etag", "part_number"}));
            sorted.append(p);
        }
        // complete: json={"parts": sorted}; the SDK raises unless etag == md5 of what it sent.
        const auto done = postJson(c(), base + "/complete", {{"parts", sorted}});
        QCOMPARE(done->status, 200);
        QCOMPARE(json(done).object().value("etag").toString().toStdString(), md5Hex(data));
        QCOMPARE(QFileInfo(m_emu->path("sdk/big.bin")).size(), qint64(data.size()));

        // cancel() on failure: POST .../{id}/cancel, no body.
        r = raw(port(),
                "POST /files/file/multipart//data/sdk/big.bin/"
                    + first.value("upload_id").toString().toStdString() + "/cancel HTTP/1.1\r\n"
                    + httpxHeaders(port()) + "Content-Length: 0\r\n\r\n");
        QCOMPARE(r.status, 200);
    }

    void getRmRenameAndUrl()
    {
        // get_file: GET /files/file//data/... and response.content
        RawResponse r = raw(port(),
                            "GET /files/file//data/tmp/x/nested/b.bin HTTP/1.1\r\n"
                                + httpxHeaders(port()) + "\r\n");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string("bb"));
        // rename: POST /files/rename//data/a json={"destination": "/data/b"}
        QCOMPARE(
            postJson(c(), "/files/rename//data/tmp/x/a.bin", {{"destination", "/data/tmp/y/a.bin"}})
                ->status,
            200);
        QVERIFY(QFileInfo::exists(m_emu->path("tmp/y/a.bin")));
        // rm: DELETE /files/file//data/... without a body or Content-Length
        r = raw(port(),
                "DELETE /files/file//data/tmp/x HTTP/1.1\r\n" + httpxHeaders(port()) + "\r\n");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, std::string("true"));
        QVERIFY(!QFileInfo::exists(m_emu->path("tmp/x")));
        // put_file_from_url: POST /files/file/url//data/... json={"url": ...}
        httplib::Server source;
        source.Get("/f", [](const httplib::Request &, httplib::Response &res) {
            res.set_content("from url", "text/plain");
        });
        const int sourcePort = source.bind_to_any_port("127.0.0.1");
        std::thread serving([&] { source.listen_after_bind(); });
        const auto u = postJson(c(), "/files/file/url//data/tmp/u.txt",
                                {{"url", QStringLiteral("http://127.0.0.1:%1/f").arg(sourcePort)}});
        source.stop();
        serving.join();
        QCOMPARE(u->status, 200);
        QCOMPARE(readFile(m_emu->path("tmp/u.txt")), QByteArray("from url"));
        // Errors carry "detail", which the SDK raises as its message.
        r = raw(port(), "GET /files/file//data/nope HTTP/1.1\r\n" + httpxHeaders(port()) + "\r\n");
        QCOMPARE(r.status, 404);
        QVERIFY(!QJsonDocument::fromJson(QByteArray::fromStdString(r.body))
                     .object()
                     .value("detail")
                     .toString()
                     .isEmpty());
    }

    void syncDir()
    {
        // sync_dir(local, "/data/sync/my_dir"): check_hash on the relative path, then (false) zip
        // the folder with .fal_hash inside and upload it with unzip=true onto the folder path.
        QTemporaryDir local;
        QVERIFY(writeFile(local.path() + "/a.txt", "alpha"));
        QVERIFY(writeFile(local.path() + "/sub/b.txt", "beta"));
        const std::string hash = sdkDirHash(local.path());
        auto check = [&] {
            return postJson(c(), "/files/dir/check_hash/sync/my_dir",
                            {{"hash", QString::fromStdString(hash)}});
        };
        auto r = check();
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("false"));
        const QByteArray zip = makeZip({{ZipEntry::File, "a.txt", "alpha"},
                                        {ZipEntry::File, "sub/b.txt", "beta"},
                                        {ZipEntry::File, ".fal_hash", hash}});
        const Form form = httpxFiles("my_dir.zip", zip.toStdString());
        r = c().Post("/files/file/local/sync/my_dir?unzip=true", authHeaders(), form.body,
                     form.contentType);
        QCOMPARE(r->status, 200);
        QCOMPARE(tree(m_emu->path("sync/my_dir")),
                 QStringList({".fal_hash", "a.txt", "sub", "sub/b.txt"}));
        r = check();
        QCOMPARE(r->body, std::string("true"));
        // The generated client always sends unzip; False means a plain file.
        r = c().Post("/files/file/local/sync/plain.zip?unzip=False", authHeaders(), form.body,
                     form.contentType);
        QCOMPARE(r->status, 200);
        QCOMPARE(readFile(m_emu->path("sync/plain.zip")), zip);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorSdk)
#include "tst_emulator_sdk.moc"
