// Multipart uploads, the sessions: which targets can be initiated, the resume extension, cancel
// on both routes, persistence across a restart, and expiry. The parts themselves:
// tst_emulator_multipart_parts.

#include "tests/integration/MultipartFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace emutest;

class TestEmulatorMultipartSessions : public QObject, private MultipartFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startEmulator(); }
    void cleanup() { stopEmulator(); }

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
};

QTEST_GUILESS_MAIN(TestEmulatorMultipartSessions)
#include "tst_emulator_multipart_sessions.moc"
