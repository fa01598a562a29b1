// The emulator's REST surface on the raw wire, what reads: exact answers and status codes of
// listings, auth, downloads with Range/If-Range/HEAD, stat and dir hash; and the connection
// itself: kept alive after every refusal, a quick stop, a body-less POST. What writes:
// tst_emulator_api_writes.

#include "tests/integration/EmulatorApiFixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace emutest;

class TestEmulatorApiReads : public QObject, private EmulatorApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startEmulator(); }
    void cleanup() { stopEmulator(); }

    void listRoot()
    {
        for (const char *target :
             {"/files/list", "/files/list/", "/files/list//data", "/files/list/%2Fdata"}) {
            const auto r = c().Get(target, auth());
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QCOMPARE(r->get_header_value("Content-Type"), std::string("application/json"));
            const QJsonArray entries = json(r).array();
            QStringList paths;
            for (const QJsonValue &v : entries)
                paths << v.toObject().value("path").toString();
            // Sorted by name, reserved dir and the symlink leading out are not shown.
            QCOMPARE(paths, QStringList({"/data/models", "/data/top.txt"}));
        }
        const auto r = c().Get("/files/list", auth());
        const QJsonObject dir = json(r).array().at(0).toObject();
        const QJsonObject file = json(r).array().at(1).toObject();
        QCOMPARE(dir.value("name").toString(), QStringLiteral("models"));
        QCOMPARE(dir.value("is_file").toBool(true), false);
        QCOMPARE(dir.value("size").toInt(-1), 0);
        QCOMPARE(file.value("is_file").toBool(), true);
        QCOMPARE(file.value("size").toInt(), 10);
        QVERIFY(file.value("created_time").isDouble());
        const double mtime
            = QFileInfo(m_emu->path("top.txt")).lastModified().toMSecsSinceEpoch() / 1000.0;
        QVERIFY(qAbs(file.value("updated_time").toDouble() - mtime) < 0.01);
        // The wire form of the times is a float, never an integer literal.
        QVERIFY(QByteArray::fromStdString(r->body).contains("\"updated_time\": 1"));
        QCOMPARE(dir.keys(),
                 QStringList({"created_time", "is_file", "name", "path", "size", "updated_time"}));
    }

    void listDirectoryForms()
    {
        for (const char *target :
             {"/files/list/models", "/files/list//data/models", "/files/list/data/../models"}) {
            const auto r = c().Get(target, auth());
            QVERIFY(r);
            if (QByteArray(target).contains(".."))
                QCOMPARE(r->status, 400);
            else
                QCOMPARE(json(r).array().size(), 2);
        }
        const QJsonArray entries = json(c().Get("/files/list//data/models", auth())).array();
        QCOMPARE(entries.at(0).toObject().value("path").toString(),
                 QStringLiteral("/data/models/a.bin"));
        QCOMPARE(entries.at(1).toObject().value("path").toString(),
                 QStringLiteral("/data/models/sub"));
        QCOMPARE(json(c().Get("/files/list/models/sub", auth()))
                     .array()
                     .at(0)
                     .toObject()
                     .value("path")
                     .toString(),
                 QStringLiteral("/data/models/sub/b.txt"));
    }

    void listMissingOrFileIsEmptyArray()
    {
        for (const char *target :
             {"/files/list/nope", "/files/list//data/nope/deeper", "/files/list/top.txt"}) {
            const auto r = c().Get(target, auth());
            QVERIFY(r);
            QCOMPARE(r->status, 200);
            QCOMPARE(r->body, std::string("[]"));
        }
    }

    void authentication()
    {
        auto r = c().Get("/files/list");
        QCOMPARE(r->status, 401);
        QVERIFY(!detailOf(r).isEmpty());
        r = c().Get("/files/list", authHeaders(QStringLiteral("test-key-id:wrong")));
        QCOMPARE(r->status, 403);
        QCOMPARE(detailOf(r), QStringLiteral("Invalid key"));
        r = c().Get("/files/list", {{"Authorization", "Bearer " + kKey.toStdString()}});
        QCOMPARE(r->status, 403);
        r = c().Get("/files/list", {{"Authorization", "key " + kKey.toStdString()}});
        QCOMPARE(r->status, 200);
        // An unauthorized upload is refused and its body read, so the connection stays usable.
        r = postForm(c(), "/files/file/local/new.bin", std::string(300000, 'x'), "new.bin",
                     QStringLiteral("a:b"));
        QCOMPARE(r->status, 403);
        QVERIFY(!QFileInfo::exists(m_emu->path("new.bin")));
        r = c().Get("/files/list/models", auth());
        QCOMPARE(r->status, 200);
        r = c().Get("/nothing/here", auth());
        QCOMPARE(r->status, 404);
        QCOMPARE(detailOf(r), QStringLiteral("Not Found"));
        r = c().Get("/files/nothing", auth());
        QCOMPARE(r->status, 404);
        QCOMPARE(detailOf(r), QStringLiteral("Not Found"));
    }

    void downloadFullAndHead()
    {
        auto r = c().Get("/files/file/models/a.bin", auth());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("alpha-bytes"));
        QCOMPARE(r->get_header_value("Content-Type"), std::string("application/octet-stream"));
        QCOMPARE(r->get_header_value("Accept-Ranges"), std::string("bytes"));
        const std::string etag = r->get_header_value("ETag");
        QVERIFY(etag.size() > 2 && etag.front() == '"' && etag.back() == '"');
        QCOMPARE(c().Get("/files/file//data/models/a.bin", auth())->body,
                 std::string("alpha-bytes"));

        r = c().Head("/files/file/models/a.bin", auth());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->get_header_value("Content-Length"), std::string("11"));
        QCOMPARE(r->get_header_value("ETag"), etag);
        QCOMPARE(r->get_header_value("Accept-Ranges"), std::string("bytes"));
        QVERIFY(r->body.empty());

        // Rewriting the file (same size) gives a new strong ETag.
        QVERIFY(postForm(c(), "/files/file/local/models/a.bin", "ALPHA-BYTES")->status == 200);
        r = c().Get("/files/file/models/a.bin", auth());
        QCOMPARE(r->body, std::string("ALPHA-BYTES"));
        QVERIFY(r->get_header_value("ETag") != etag);

        QCOMPARE(c().Get("/files/file/models/missing.bin", auth())->status, 404);
        QCOMPARE(c().Get("/files/file/models", auth())->status, 404);
        QVERIFY(writeFile(m_emu->path("empty.bin"), QByteArray()));
        r = c().Get("/files/file/empty.bin", auth());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->get_header_value("Content-Length"), std::string("0"));
    }

    void downloadRanges()
    {
        const std::string t = "/files/file/top.txt";
        auto get = [&](const std::string &range, const std::string &ifRange = {}) {
            httplib::Headers h = auth();
            h.emplace("Range", range);
            if (!ifRange.empty())
                h.emplace("If-Range", ifRange);
            return c().Get(t, h);
        };
        auto r = get("bytes=2-5");
        QCOMPARE(r->status, 206);
        QCOMPARE(r->body, std::string("2345"));
        QCOMPARE(r->get_header_value("Content-Range"), std::string("bytes 2-5/10"));
        QCOMPARE(r->get_header_value("Content-Length"), std::string("4"));
        r = get("bytes=7-");
        QCOMPARE(r->status, 206);
        QCOMPARE(r->body, std::string("789"));
        r = get("bytes=-3");
        QCOMPARE(r->body, std::string("789"));
        QCOMPARE(r->get_header_value("Content-Range"), std::string("bytes 7-9/10"));
        r = get("bytes=5-100");
        QCOMPARE(r->get_header_value("Content-Range"), std::string("bytes 5-9/10"));

        r = get("bytes=10-");
        QCOMPARE(r->status, 416);
        QCOMPARE(r->get_header_value("Content-Range"), std::string("bytes */10"));
        QVERIFY(!detailOf(r).isEmpty()); // the JSON error body is whole, not sliced
        r = get("bytes=0-1,4-5");
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("0123456789"));
        QVERIFY(!r->has_header("Content-Range"));

        const std::string etag = c().Head(t, auth())->get_header_value("ETag");
        const std::string lastModified = c().Head(t, auth())->get_header_value("Last-Modified");
        r = get("bytes=4-", etag);
        QCOMPARE(r->status, 206);
        QCOMPARE(r->body, std::string("456789"));
        r = get("bytes=4-", lastModified);
        QCOMPARE(r->status, 206);
        r = get("bytes=4-", "\"stale-etag\"");
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("0123456789"));
        QVERIFY(!r->has_header("Content-Range"));

        // An error answer to a request with a Range header is not sliced either.
        httplib::Headers h = auth();
        h.emplace("Range", "bytes=0-3");
        r = c().Get("/files/file/nope.bin", h);
        QCOMPARE(r->status, 404);
        QVERIFY(!r->has_header("Content-Range"));
        QVERIFY(!detailOf(r).isEmpty());
    }

    void exists()
    {
        auto r = c().Post("/files/file/exists/models/a.bin", auth(), "", "application/json");
        QCOMPARE(r->status, 200);
        QJsonObject spec = json(r).object();
        QCOMPARE(spec.value("path").toString(), QStringLiteral("/data/models/a.bin"));
        QCOMPARE(spec.value("size").toInt(), 11);
        QVERIFY(!spec.contains("checksum_md5"));
        r = c().Post("/files/file/exists//data/models/a.bin?calculate_checksum=true", auth(), "",
                     "application/json");
        spec = json(r).object();
        QCOMPARE(spec.value("checksum_md5").toString().toStdString(), md5Hex("alpha-bytes"));
        QCOMPARE(spec.value("checksum_sha256").toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash("alpha-bytes", QCryptographicHash::Sha256).toHex()));
        r = c().Post("/files/file/exists/models", auth(), "", "application/json");
        QCOMPARE(json(r).object().value("is_file").toBool(true), false);
        r = c().Post("/files/file/exists/models/none", auth(), "", "application/json");
        QCOMPARE(r->status, 404);
        QVERIFY(!detailOf(r).isEmpty());
    }

    void checkHash()
    {
        QVERIFY(writeFile(m_emu->path("sync/d/.fal_hash"), "ABCDEF0123\n"));
        auto r = postJson(c(), "/files/dir/check_hash/sync/d", {{"hash", "abcdef0123"}});
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(postJson(c(), "/files/dir/check_hash/sync/d", {{"hash", "abcdef0124"}})->body,
                 std::string("false"));
        QCOMPARE(postJson(c(), "/files/dir/check_hash/sync/none", {{"hash", "abcdef0123"}})->body,
                 std::string("false"));
        // Without .fal_hash: sha256 over file bytes in sorted walk order, .fal_hash files skipped.
        QVERIFY(writeFile(m_emu->path("plain/b.txt"), "B"));
        QVERIFY(writeFile(m_emu->path("plain/a.txt"), "A"));
        QVERIFY(writeFile(m_emu->path("plain/sub/c.txt"), "C"));
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash("ABC", QCryptographicHash::Sha256).toHex());
        QCOMPARE(postJson(c(), "/files/dir/check_hash//data/plain", {{"hash", expected}})->body,
                 std::string("true"));
        r = postJson(c(), "/files/dir/check_hash/sync/d", QJsonObject());
        QCOMPARE(r->status, 422);
    }

    void keepAliveSurvivesEveryError()
    {
        // Requests with bodies that are refused early, each followed on the same connection by
        // a GET: exactly one answer per request, so no body byte was taken for a request line.
        // (Not pipelined: httplib 0.11.4 loses bytes of a next request read ahead with a body.)
        const Form form = fileForm(std::string(200000, 'x'), "x.bin");
        const std::string formHeaders = "Content-Type: " + form.contentType + "\r\n";
        const std::vector<std::pair<std::string, int>> refused {
            {rawRequest("POST", "/files/file/local/models", formHeaders, form.body), 400},
            {rawRequest("POST", "/files/file/local/..%2fx", formHeaders, form.body), 400},
            {rawRequest("POST", "/files/nowhere", formHeaders, form.body), 404},
            {rawRequest("PUT", "/files/file/multipart/x/0123/1", formHeaders, form.body), 404},
            {rawRequest("POST", "/files/rename/nope", "Content-Type: application/json\r\n",
                        "{\"destination\": \"/data/" + std::string(5000, 'd') + "\"}"),
             404},
            {rawRequest("POST", "/files/file/exists/top.txt", "", std::string(100000, 'e')), 200},
            {rawRequest("DELETE", "/files/file/missing", "", std::string(100000, 'e')), 404},
        };
        RawConnection conn(m_emu->server().port());
        for (const auto &[request, status] : refused) {
            QVERIFY(conn.send(request));
            const auto first = conn.read();
            QVERIFY2(first.status == status, request.substr(0, 60).c_str());
            QVERIFY(conn.send(rawRequest("GET", "/files/file/top.txt")));
            const auto second = conn.read();
            QVERIFY2(second.status == 200, request.substr(0, 60).c_str());
            QCOMPARE(second.body, std::string("0123456789"));
        }
    }

    void stopIsQuickWithIdleConnections()
    {
        // A kept-alive client connection must not hold stop() for the keep-alive timeout.
        QCOMPARE(c().Get("/files/list", auth())->status, 200);
        QElapsedTimer timer;
        timer.start();
        m_emu->server().stop();
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!m_emu->server().isRunning());
        QVERIFY(!c().Get("/files/list", auth()));
    }

    void bodilessPostIsEmpty()
    {
        // No Content-Length and no chunking: an empty body, not "read until the client closes".
        RawConnection conn(m_emu->server().port());
        QVERIFY(conn.send(rawRequest("POST", "/files/file/exists/top.txt", {}, {}, false)));
        const auto r = conn.read();
        QCOMPARE(r.status, 200);
        QVERIFY(QByteArray::fromStdString(r.body).contains("\"path\": \"/data/top.txt\""));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorApiReads)
#include "tst_emulator_api_reads.moc"
