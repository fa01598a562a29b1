// Multipart uploads, the parts: concurrent out-of-order parts of any size assembled, validation
// of complete, a part sent again after a cut, the empty file, the size limit, and never a 409.
// Initiate, resume, cancel, restart and expiry: tst_emulator_multipart_sessions.

#include "tests/integration/MultipartFixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace emutest;

class TestEmulatorMultipartParts : public QObject, private MultipartFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startEmulator(); }
    void cleanup() { stopEmulator(); }

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

QTEST_GUILESS_MAIN(TestEmulatorMultipartParts)
#include "tst_emulator_multipart_parts.moc"
