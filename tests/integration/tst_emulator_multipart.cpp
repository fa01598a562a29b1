// Multipart uploads: concurrent out-of-order parts, the resume extension, validation of
// complete, limits, cancel on both routes, persistence across a restart, and expiry.

#include "tests/support/EmulatorTestSupport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <atomic>
#include <thread>

using namespace emutest;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

struct Upload
{
    std::string id;
    std::string base; // /files/file/multipart/{p}/{id}
};

} // namespace

class TestEmulatorMultipart : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Emulator> m_emu;
    std::unique_ptr<httplib::Client> m_client;

    httplib::Client &c() { return *m_client; }

    Upload initiate(const std::string &path, const QJsonObject &body = {},
                    QJsonObject *answer = nullptr)
    {
        const std::string target = "/files/file/multipart/" + path + "/initiate";
        httplib::Result r = body.isEmpty() ? c().Post(target, authHeaders(), "", "application/json")
                                           : postJson(c(), target, body);
        Upload u;
        if (!r || r->status != 200) {
            qWarning() << "initiate failed" << (r ? r->status : -1) << (r ? r->body.c_str() : "");
            return u;
        }
        const QJsonObject o = json(r).object();
        if (answer)
            *answer = o;
        u.id = o.value("upload_id").toString().toStdString();
        u.base = "/files/file/multipart/" + path + "/" + u.id;
        return u;
    }

    // Sends parts with `threads` connections, highest part numbers first.
    QJsonArray sendParts(const Upload &u, const std::string &data, qint64 chunk, int threads = 10)
    {
        const int count = int((qint64(data.size()) + chunk - 1) / chunk);
        std::atomic<int> next {count};
        std::vector<QJsonObject> results(size_t(count) + 1);
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&] {
                auto client = m_emu->client();
                for (int n = next--; n >= 1; n = next--) {
                    const std::string part = data.substr(size_t((n - 1) * chunk), size_t(chunk));
                    const auto r = putPart(*client, u.base + "/" + std::to_string(n), part);
                    if (r && r->status == 200)
                        results[size_t(n)] = json(r).object();
                }
            });
        }
        for (std::thread &w : workers)
            w.join();
        QJsonArray parts;
        for (int n = 1; n <= count; ++n)
            parts.append(results[size_t(n)]);
        return parts;
    }

    httplib::Result complete(const Upload &u, const QJsonArray &parts)
    {
        return postJson(c(), u.base + "/complete", {{"parts", parts}});
    }

    void restart(int expiryDays = 7)
    {
        m_client.reset();
        const QString root = m_emu->root();
        auto next = std::make_unique<Emulator>(FaultOptions(), expiryDays, root);
        m_emu->server().stop();
        QVERIFY(next->start());
        m_keepRoot.push_back(std::move(m_emu)); // its QTemporaryDir owns the root
        m_emu = std::move(next);
        m_client = m_emu->client();
    }

    std::vector<std::unique_ptr<Emulator>> m_keepRoot;

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<Emulator>();
        QVERIFY(m_emu->start());
        m_client = m_emu->client();
    }

    void cleanup()
    {
        m_client.reset();
        m_emu.reset();
        m_keepRoot.clear();
    }

    void sdkShapedUploadWithDefaultParts()
    {
        // fal's SDK: no initiate body, 10 MiB parts, 10 in flight, absolute //data paths.
        const std::string data = randomBytes(size_t(25 * kMiB + 12345));
        QJsonObject answer;
        const Upload u = initiate("/data/models/big.bin", {}, &answer);
        QCOMPARE(answer.keys(), QStringList({"upload_id"}));
        QCOMPARE(u.id.size(), size_t(32));
        const QJsonArray parts = sendParts(u, data, 10 * kMiB);
        QCOMPARE(parts.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(parts.at(i).toObject().value("part_number").toInt(), i + 1);
            QCOMPARE(parts.at(i).toObject().value("etag").toString().toStdString(),
                     md5Hex(data.substr(size_t(i * 10 * kMiB), size_t(10 * kMiB))));
        }
        const auto r = complete(u, parts);
        QCOMPARE(r->status, 200);
        QCOMPARE(json(r).object().value("etag").toString().toStdString(), md5Hex(data));
        QCOMPARE(readFile(m_emu->path("models/big.bin")).toStdString(), data);
        QCOMPARE(tree(m_emu->root() + "/.fal-emulator/uploads"), QStringList());
        // The upload is finished: its parts are gone, a repeated complete gets the same answer.
        QCOMPARE(putPart(c(), u.base + "/1", "x")->status, 404);
        QCOMPARE(json(complete(u, parts)).object().value("etag").toString().toStdString(),
                 md5Hex(data));
    }

    void outOfOrderWithDeclaredChunkSize()
    {
        const std::string data = randomBytes(size_t(12 * kMiB + 7), 3);
        const QJsonObject body {{"chunk_size", kMiB},
                                {"content_md5", QString::fromStdString(md5Hex(data))},
                                {"size", qint64(data.size())}};
        QJsonObject answer;
        const Upload u = initiate("ckpt/model.safetensors", body, &answer);
        QCOMPARE(answer.value("parts").toArray(), QJsonArray());
        const QJsonArray parts = sendParts(u, data, kMiB);
        QCOMPARE(parts.size(), 13);
        const auto r = complete(u, parts);
        QCOMPARE(r->status, 200);
        QCOMPARE(json(r).object().value("etag").toString().toStdString(), md5Hex(data));
        QCOMPARE(readFile(m_emu->path("ckpt/model.safetensors")).toStdString(), data);
    }

    void partsOfAnotherSizeAreAssembled()
    {
        // No declared chunk size and parts bigger than the 10 MiB guess: they spill to their
        // own files and complete copies them together.
        const std::string data = randomBytes(size_t(27 * kMiB), 5);
        const Upload u = initiate("odd.bin");
        const QJsonArray parts = sendParts(u, data, 12 * kMiB, 3);
        const auto r = complete(u, parts);
        QCOMPARE(r->status, 200);
        QCOMPARE(json(r).object().value("etag").toString().toStdString(), md5Hex(data));
        QCOMPARE(readFile(m_emu->path("odd.bin")).toStdString(), data);
        // Smaller parts: holes in the slot layout, also assembled.
        const std::string small = randomBytes(size_t(3 * kMiB), 6);
        const Upload v = initiate("small-parts.bin");
        const auto r2 = complete(v, sendParts(v, small, kMiB / 2));
        QCOMPARE(json(r2).object().value("etag").toString().toStdString(), md5Hex(small));
        QCOMPARE(readFile(m_emu->path("small-parts.bin")).toStdString(), small);
    }

    void resumeExtension()
    {
        const std::string data = randomBytes(size_t(3 * kMiB), 9);
        const QJsonObject body {{"chunk_size", kMiB},
                                {"content_md5", QString::fromStdString(md5Hex(data))},
                                {"size", qint64(data.size())}};
        const Upload u = initiate("resume/me.bin", body);
        QCOMPARE(putPart(c(), u.base + "/3", data.substr(size_t(2 * kMiB)))->status, 200);
        QCOMPARE(putPart(c(), u.base + "/1", data.substr(0, size_t(kMiB)))->status, 200);

        QJsonObject again;
        const Upload same = initiate("/data/resume/me.bin", body, &again);
        QCOMPARE(same.id, u.id);
        const QJsonArray stored = again.value("parts").toArray();
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.at(0).toObject().value("part_number").toInt(), 1);
        QCOMPARE(stored.at(0).toObject().value("etag").toString().toStdString(),
                 md5Hex(data.substr(0, size_t(kMiB))));
        QCOMPARE(stored.at(1).toObject().value("part_number").toInt(), 3);

        // Another file content or no body: a new upload.
        QJsonObject other = body;
        other["content_md5"] = QString::fromStdString(md5Hex("other"));
        QVERIFY(initiate("resume/me.bin", other).id != u.id);
        QJsonObject plain;
        QVERIFY(initiate("resume/me.bin", {}, &plain).id != u.id);
        QVERIFY(!plain.contains("parts"));

        // Send only the missing part, complete with all three.
        QCOMPARE(putPart(c(), same.base + "/2", data.substr(size_t(kMiB), size_t(kMiB)))->status,
                 200);
        QJsonArray parts = stored;
        parts.insert(
            1,
            QJsonObject {
                {"part_number", 2},
                {"etag", QString::fromStdString(md5Hex(data.substr(size_t(kMiB), size_t(kMiB))))}});
        const auto r = complete(same, parts);
        QCOMPARE(r->status, 200);
        QCOMPARE(json(r).object().value("etag").toString().toStdString(), md5Hex(data));

        // Validation of the extension.
        QCOMPARE(
            postJson(c(), "/files/file/multipart/x.bin/initiate", {{"chunk_size", "big"}})->status,
            422);
        QCOMPARE(postJson(c(), "/files/file/multipart/x.bin/initiate", {{"chunk_size", 200 * kMiB}})
                     ->status,
                 422);
        QCOMPARE(
            postJson(c(), "/files/file/multipart/x.bin/initiate", {{"content_md5", "xyz"}})->status,
            422);
        QCOMPARE(c().Post("/files/file/multipart/x.bin/initiate", authHeaders(), "{broken",
                          "application/json")
                     ->status,
                 422);
    }

    void completeIsValidated()
    {
        const Upload u = initiate("v.bin");
        const auto p1 = putPart(c(), u.base + "/1", "one");
        const auto p2 = putPart(c(), u.base + "/2", "two");
        const QJsonObject one = json(p1).object();
        const QJsonObject two = json(p2).object();
        QCOMPARE(one.value("etag").toString().toStdString(), md5Hex("one"));

        const QJsonObject wrongEtag {{"part_number", 2},
                                     {"etag", QString::fromStdString(md5Hex("TWO"))}};
        auto r = complete(u, {one, wrongEtag});
        QCOMPARE(r->status, 400);
        QVERIFY(detailOf(r).contains(QStringLiteral("etag")));
        r = complete(
            u,
            {one, two,
             QJsonObject {{"part_number", 3}, {"etag", QString::fromStdString(md5Hex("x"))}}});
        QCOMPARE(r->status, 400);
        QVERIFY(detailOf(r).contains(QStringLiteral("not uploaded")));
        QCOMPARE(complete(u, {two, one})->status, 400);
        QCOMPARE(complete(u, {one, one})->status, 400);
        QCOMPARE(complete(u, {})->status, 400);
        r = postJson(c(), u.base + "/complete", {{"files", QJsonArray()}});
        QCOMPARE(r->status, 422);
        QCOMPARE(json(r).object().value("detail").toArray().at(0).toObject().value("loc").toArray(),
                 QJsonArray({"body", "parts"}));
        r = complete(u, {QJsonObject {{"part_number", 1}}});
        QCOMPARE(r->status, 422);
        QCOMPARE(json(r).object().value("detail").toArray().at(0).toObject().value("loc").toArray(),
                 QJsonArray({"body", "parts", 0, "etag"}));
        QCOMPARE(postJson(c(), "/files/file/multipart/v.bin/" + std::string(32, 'a') + "/complete",
                          {{"parts", QJsonArray {one}}})
                     ->status,
                 404);

        // Part numbers.
        QCOMPARE(putPart(c(), u.base + "/0", "x")->status, 400);
        QCOMPARE(putPart(c(), u.base + "/10001", "x")->status, 400);
        QCOMPARE(putPart(c(), u.base + "/abc", "x")->status, 422);
        QCOMPARE(c().Put(u.base + "/4", authHeaders(), "raw", "application/octet-stream")->status,
                 422);
        // The id belongs to another path.
        QCOMPARE(putPart(c(), "/files/file/multipart/other.bin/" + u.id + "/1", "x")->status, 404);
        QCOMPARE(
            putPart(c(), "/files/file/multipart/v.bin/" + std::string(32, 'f') + "/1", "x")->status,
            404);

        // Still intact after all the refusals; a part sent again replaces the first copy.
        QCOMPARE(putPart(c(), u.base + "/2", "TWO")->status, 200);
        QCOMPARE(complete(u, {one, two})->status, 400);
        r = complete(
            u,
            {one,
             QJsonObject {{"part_number", 2}, {"etag", QString::fromStdString(md5Hex("TWO"))}}});
        QCOMPARE(r->status, 200);
        QCOMPARE(readFile(m_emu->path("v.bin")), QByteArray("oneTWO"));
        QCOMPARE(json(r).object().value("etag").toString().toStdString(), md5Hex("oneTWO"));
    }

    void initiateTargets()
    {
        QVERIFY(writeFile(m_emu->path("dir/file.txt"), "x"));
        QCOMPARE(
            c().Post("/files/file/multipart/dir/initiate", authHeaders(), "", "application/json")
                ->status,
            400);
        QCOMPARE(
            c().Post("/files/file/multipart//data/initiate", authHeaders(), "", "application/json")
                ->status,
            400);
        QCOMPARE(c().Post("/files/file/multipart/initiate", authHeaders(), "", "application/json")
                     ->status,
                 400);
    }

    void cutReuploadKeepsTheStoredPart()
    {
        // A client killed mid-part: its cut request can be handled after the part was stored
        // again. The stored copy must survive a second upload of the part that fails.
        const std::string data = randomBytes(size_t(12 * kMiB), 31);
        const Upload u = initiate(
            "cut.bin", {{"chunk_size", double(10 * kMiB)}, {"size", double(data.size())}});
        QJsonArray parts = sendParts(u, data, 10 * kMiB, 2);
        QCOMPARE(parts.size(), 2);
        const Form form = fileForm(data.substr(0, size_t(10 * kMiB)), "chunk");
        {
            RawConnection raw(m_emu->server().port());
            const std::string request = rawRequest(
                "PUT", u.base + "/1", "Content-Type: " + form.contentType + "\r\n", form.body);
            QVERIFY(raw.send(request.substr(0, request.size() / 2))); // then the connection is gone
        }
        // The server has handled the cut request once its log has it (the second PUT of part 1).
        const QString cutTarget = QString::fromStdString(u.base + "/1");
        QTRY_COMPARE_WITH_TIMEOUT(
            [&] {
                int puts = 0;
                for (const auto &entry : m_emu->server().requestLog())
                    puts += entry.method == QLatin1String("PUT") && entry.target == cutTarget;
                return puts;
            }(),
            2, 10'000);
        const auto done = complete(u, parts);
        QVERIFY(done);
        QCOMPARE(done->status, 200);
        QCOMPARE(json(done).object().value("etag").toString().toStdString(), md5Hex(data));
        QFile stored(m_emu->path(QStringLiteral("cut.bin")));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QVERIFY(stored.readAll() == QByteArray::fromStdString(data));

        // A whole second upload of a part does replace it.
        const Upload v = initiate(
            "again.bin", {{"chunk_size", double(10 * kMiB)}, {"size", double(data.size())}});
        QJsonArray first = sendParts(v, data, 10 * kMiB, 2);
        std::string changed = data;
        changed[5] = char(changed[5] ^ 0x55);
        const auto replaced = putPart(c(), v.base + "/1", changed.substr(0, size_t(10 * kMiB)));
        QVERIFY(replaced && replaced->status == 200);
        first[0] = json(replaced).object();
        const auto again = complete(v, first);
        QVERIFY(again && again->status == 200);
        QCOMPARE(json(again).object().value("etag").toString().toStdString(), md5Hex(changed));
    }

    void emptyFileAsOneEmptyPart()
    {
        // fal's upload_file() for a 0-byte file: initiate, one empty part, complete.
        const Upload u = initiate("/data/empty.bin");
        const auto p = putPart(c(), u.base + "/1", "");
        QCOMPARE(p->status, 200);
        QCOMPARE(json(p).object().value("etag").toString(),
                 QStringLiteral("d41d8cd98f00b204e9800998ecf8427e"));
        const auto r = complete(u, {json(p).object()});
        QCOMPARE(json(r).object().value("etag").toString(),
                 QStringLiteral("d41d8cd98f00b204e9800998ecf8427e"));
        QVERIFY(QFileInfo(m_emu->path("empty.bin")).isFile());
        QCOMPARE(QFileInfo(m_emu->path("empty.bin")).size(), 0);
    }

    void partTooLarge()
    {
        const Upload u = initiate("huge.bin");
        const auto r = putPart(c(), u.base + "/1", std::string(size_t(100 * kMiB + 1), 'z'));
        QCOMPARE(r->status, 413);
        QVERIFY(!detailOf(r).isEmpty());
        QJsonObject unused;
        // Not stored, and the connection still works.
        QCOMPARE(putPart(c(), u.base + "/1", "fits")->status, 200);
    }

    void cancelOnBothRoutes()
    {
        const Upload a = initiate("c.bin");
        QCOMPARE(putPart(c(), a.base + "/1", "x")->status, 200);
        auto r = c().Post(a.base + "/cancel", authHeaders(), "", "application/json");
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(putPart(c(), a.base + "/2", "x")->status, 404);
        QCOMPARE(c().Post(a.base + "/cancel", authHeaders(), "", "application/json")->status, 404);

        const Upload b = initiate("/data/c.bin");
        r = c().Post("/files/file/local//data/c.bin/multipart/" + b.id + "/cancel", authHeaders(),
                     "", "application/json");
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(putPart(c(), b.base + "/1", "x")->status, 404);
        QCOMPARE(tree(m_emu->root() + "/.fal-emulator/uploads"), QStringList());
        QVERIFY(!QFileInfo::exists(m_emu->path("c.bin")));
    }

    void survivesRestart()
    {
        const std::string data = randomBytes(size_t(2 * kMiB + 5), 11);
        const QJsonObject body {{"chunk_size", kMiB},
                                {"content_md5", QString::fromStdString(md5Hex(data))},
                                {"size", qint64(data.size())}};
        const Upload u = initiate("persist.bin", body);
        QCOMPARE(putPart(c(), u.base + "/2", data.substr(size_t(kMiB), size_t(kMiB)))->status, 200);
        restart();
        QJsonObject answer;
        const Upload again = initiate("persist.bin", body, &answer);
        QCOMPARE(again.id, u.id);
        QCOMPARE(answer.value("parts").toArray().size(), 1);
        const QJsonArray parts = sendParts(again, data, kMiB, 2);
        const auto r = complete(again, parts);
        QCOMPARE(r->status, 200);
        QCOMPARE(json(r).object().value("etag").toString().toStdString(), md5Hex(data));
        QCOMPARE(readFile(m_emu->path("persist.bin")).toStdString(), data);
    }

    void expiresAfterConfiguredDays()
    {
        const Upload fresh = initiate("fresh.bin");
        const Upload old = initiate("old.bin");
        QCOMPARE(putPart(c(), old.base + "/1", "x")->status, 200);
        // Age the upload on disk by three days, then restart with a two-day expiry.
        const QString dir
            = m_emu->root() + "/.fal-emulator/uploads/" + QString::fromStdString(old.id);
        const qint64 threeDaysAgo = QDateTime::currentMSecsSinceEpoch() - 3 * 24 * 3600 * 1000ll;
        QByteArray meta = readFile(dir + "/meta.json");
        QJsonObject o = QJsonDocument::fromJson(meta).object();
        o["created_ms"] = threeDaysAgo;
        QVERIFY(writeFile(dir + "/meta.json", QJsonDocument(o).toJson()));
        QJsonObject line = QJsonDocument::fromJson(readFile(dir + "/parts.log").trimmed()).object();
        line["ts"] = threeDaysAgo;
        QVERIFY(writeFile(dir + "/parts.log",
                          QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n'));
        restart(2);
        QCOMPARE(putPart(c(), old.base + "/2", "x")->status, 404);
        QCOMPARE(c().Post(old.base + "/cancel", authHeaders(), "", "application/json")->status,
                 404);
        QVERIFY(!QFileInfo::exists(dir));
        QCOMPARE(putPart(c(), fresh.base + "/1", "x")->status, 200);
    }

    void neverAnswers409()
    {
        QVERIFY(writeFile(m_emu->path("exists.bin"), "old"));
        const Upload u = initiate("exists.bin");
        QVERIFY(!u.id.empty());
        const auto p = putPart(c(), u.base + "/1", "new");
        QCOMPARE(p->status, 200);
        const auto r = complete(u, {json(p).object()});
        QCOMPARE(r->status, 200); // overwrites, like a plain upload
        QCOMPARE(readFile(m_emu->path("exists.bin")), QByteArray("new"));
        for (const auto &entry : m_emu->server().requestLog())
            QVERIFY(entry.status != 409);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorMultipart)
#include "tst_emulator_multipart.moc"
