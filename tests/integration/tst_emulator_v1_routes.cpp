// The emulator's Platform API v1 surface (/v1/serverless/files/...), every route on the raw wire:
// listings (exact entry shape, ISO times naming the same millisecond as the REST floats of the
// same file), downloads with Range and HEAD, form uploads (plain and unzip), uploads from a URL,
// and what the routes v1 lacks answer (501) next to routes nobody has (404). Errors of the routes
// v1 has: tst_emulator_v1_errors.

#include "tests/integration/PlatformV1Checks.h"

#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>

#include <thread>

using namespace emutest;
using namespace v1check;

class TestEmulatorV1Routes : public QObject, private EmulatorApiFixture
{
    Q_OBJECT

private:
    // The REST entry of each path in a REST listing.
    QHash<QString, QJsonObject> restEntries(const std::string &target)
    {
        QHash<QString, QJsonObject> out;
        for (const QJsonValue &v : json(c().Get(target, auth())).array())
            out.insert(v.toObject().value("path").toString(), v.toObject());
        return out;
    }

    // A v1 listing against the REST listing of the same folder: the same entries, the same
    // values, the times to the millisecond (v1 rounds down).
    void compareWithRest(const std::string &folder, const QStringList &expectedPaths)
    {
        QJsonArray entries;
        QCOMPARE(listingProblem(c().Get(kV1 + "/list" + folder, auth()), &entries), QString());
        const QHash<QString, QJsonObject> rest = restEntries("/files/list" + folder);
        QStringList paths;
        for (const QJsonValue &v : entries) {
            const QJsonObject e = v.toObject();
            paths << e.value("path").toString();
            const QJsonObject r = rest.value(e.value("path").toString());
            QCOMPARE(e.keys(), r.keys());
            for (const char *key : {"name", "is_file", "size"})
                QCOMPARE(e.value(key), r.value(key));
            for (const char *key : {"created_time", "updated_time"}) {
                const double restMs = r.value(key).toDouble() * 1000.0;
                const qint64 ms = isoMs(e.value(key));
                QVERIFY2(ms <= restMs + 0.01 && restMs - double(ms) < 1.0,
                         qPrintable(e.value(key).toString() + " vs "
                                    + QString::number(r.value(key).toDouble(), 'f', 6)));
            }
        }
        QCOMPARE(paths, expectedPaths);
    }

private Q_SLOTS:
    void init()
    {
        startEmulator();
        // A time with nanoseconds: v1 must cut it to .123, not round it to .124.
        const timespec times[2] = {{1747900000, 123956789}, {1747900000, 123956789}};
        QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(m_emu->path("models/a.bin")).constData(),
                             times, 0),
                 0);
    }
    void cleanup() { stopEmulator(); }

    void listMatchesRest()
    {
        compareWithRest("", {"/data/models", "/data/top.txt"});
        compareWithRest("/", {"/data/models", "/data/top.txt"});
        compareWithRest("/models", {"/data/models/a.bin", "/data/models/sub"});
        compareWithRest("//data/models/sub", {"/data/models/sub/b.txt"});
        const QJsonObject a = json(c().Get(kV1 + "/list/models", auth())).array().at(0).toObject();
        QCOMPARE(a.value("updated_time").toString(), QStringLiteral("2025-05-22T07:46:40.123Z"));
        QCOMPARE(a.value("size").toInteger(), 11);
        QCOMPARE(a.value("is_file"), QJsonValue(true));
        // As on REST: a missing folder or a file lists as [] (fal's CLI relies on it there).
        for (const char *folder : {"/nope", "/top.txt"})
            QCOMPARE(c().Get(kV1 + "/list" + folder, auth())->body, std::string("[]"));
    }

    void downloadWithRangeAndHead()
    {
        auto r = c().Get(kV1 + "/file/top.txt", auth());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("0123456789"));
        QCOMPARE(r->get_header_value("Content-Type"), std::string("application/octet-stream"));
        const std::string etag = r->get_header_value("ETag");
        QVERIFY(!etag.empty());
        QCOMPARE(c().Get(kV1 + "/file//data/models/a.bin", auth())->body,
                 std::string("alpha-bytes"));

        httplib::Headers ranged = auth();
        ranged.emplace("Range", "bytes=2-4");
        ranged.emplace("If-Range", etag);
        r = c().Get(kV1 + "/file/top.txt", ranged);
        QCOMPARE(r->status, 206);
        QCOMPARE(r->body, std::string("234"));
        QCOMPARE(r->get_header_value("Content-Range"), std::string("bytes 2-4/10"));

        httplib::Headers beyond = auth();
        beyond.emplace("Range", "bytes=10-");
        r = c().Get(kV1 + "/file/top.txt", beyond);
        QCOMPARE(envelopeProblem(r, 416, "validation_error"), QString());
        QCOMPARE(r->get_header_value("Content-Range"), std::string("bytes */10"));

        r = c().Head(kV1 + "/file/top.txt", auth());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->get_header_value("Content-Length"), std::string("10"));
        QVERIFY(r->body.empty());
    }

    void uploadLocal()
    {
        auto r = postForm(c(), kV1 + "/file/local/new/x.bin", "first");
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(r->get_header_value("Content-Type"), std::string("application/json"));
        QCOMPARE(readFile(m_emu->path("new/x.bin")), QByteArray("first"));
        r = postForm(c(), kV1 + "/file/local//data/new/x.bin?unzip=false", "second");
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(readFile(m_emu->path("new/x.bin")), QByteArray("second"));

        const QByteArray zip = makeZip(
            {{ZipEntry::Directory, "empty/", ""}, {ZipEntry::File, "deep/c.txt", "charlie"}});
        r = postForm(c(), kV1 + "/file/local/unpacked?unzip=true", zip.toStdString());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(tree(m_emu->path("unpacked")), QStringList({"deep", "deep/c.txt", "empty"}));
        compareWithRest("/unpacked", {"/data/unpacked/deep", "/data/unpacked/empty"});
        compareWithRest("/new", {"/data/new/x.bin"});
    }

    void uploadFromUrl()
    {
        httplib::Server source;
        source.Get("/weights.bin", [](const httplib::Request &, httplib::Response &res) {
            res.set_content(randomBytes(300000, 5), "application/octet-stream");
        });
        const int port = source.bind_to_any_port("127.0.0.1");
        std::thread serving([&] { source.listen_after_bind(); });
        const QString base = QStringLiteral("http://127.0.0.1:%1").arg(port);

        auto r = postJson(c(), kV1 + "/file/url/imported/w.bin",
                          {{"url", QString(base + "/weights.bin")}});
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(readFile(m_emu->path("imported/w.bin")).toStdString(), randomBytes(300000, 5));
        // A fetch that fails is refused as written (REST's 400), in the envelope.
        r = postJson(c(), kV1 + "/file/url/imported/gone.bin", {{"url", QString(base + "/nope")}});
        QString message;
        QCOMPARE(envelopeProblem(r, 400, "validation_error", nullptr, &message), QString());
        QVERIFY2(message.contains(QStringLiteral("404")), qPrintable(message));
        QVERIFY(!QFileInfo::exists(m_emu->path("imported/gone.bin")));
        source.stop();
        serving.join();
        compareWithRest("/imported", {"/data/imported/w.bin"});
    }

    void routesV1LacksAnswer501()
    {
        const std::string multipart = kV1 + "/file/multipart/top.txt";
        const QJsonObject parts {{"parts", QJsonArray()}};
        auto expect501 = [](const char *what, const httplib::Result &r) {
            QString message;
            const QString why = envelopeProblem(r, 501, "not_implemented", nullptr, &message);
            return why.isEmpty() && message.contains(QStringLiteral("Platform API v1"))
                ? QString()
                : QLatin1String(what) + QStringLiteral(": ") + why + message;
        };
        QCOMPARE(expect501("delete", c().Delete(kV1 + "/file/top.txt", auth())), QString());
        QCOMPARE(
            expect501("rename",
                      postJson(c(), kV1 + "/rename/top.txt", {{"destination", "/data/moved"}})),
            QString());
        QCOMPARE(expect501("exists",
                           c().Post(kV1 + "/file/exists/top.txt", auth(), "", "application/json")),
                 QString());
        QCOMPARE(expect501("check_hash",
                           postJson(c(), kV1 + "/dir/check_hash/models", {{"hash", "00"}})),
                 QString());
        QCOMPARE(expect501("initiate",
                           c().Post(multipart + "/initiate", auth(), "", "application/json")),
                 QString());
        QCOMPARE(expect501("part", putPart(c(), multipart + "/some-id/1", "part bytes")),
                 QString());
        QCOMPARE(expect501("complete", postJson(c(), multipart + "/some-id/complete", parts)),
                 QString());
        QCOMPARE(expect501("cancel",
                           c().Post(multipart + "/some-id/cancel", auth(), "", "application/json")),
                 QString());
        QCOMPARE(expect501("cancel (local)",
                           c().Post(kV1 + "/file/local/top.txt/multipart/some-id/cancel", auth(),
                                    "", "application/json")),
                 QString());
        // Nothing happened to the store, and the same routes still work on REST.
        QCOMPARE(readFile(m_emu->path("top.txt")), QByteArray("0123456789"));
        QVERIFY(!QFileInfo::exists(m_emu->path("moved")));
        QCOMPARE(tree(m_emu->root() + "/.fal-emulator/uploads"), QStringList());
        QCOMPARE(c().Post("/files/file/exists/top.txt", auth(), "", "application/json")->status,
                 200);
        // The key is checked before the route: no key is still 401.
        QCOMPARE(envelopeProblem(c().Delete(kV1 + "/file/top.txt"), 401, "authorization_error"),
                 QString());
    }

    void unknownRoutesAnswer404()
    {
        for (const std::string &target : {kV1 + "/nothing", kV1, kV1 + "/", std::string("/v1"),
                                          std::string("/v1/serverless/other")}) {
            const QString why = envelopeProblem(c().Get(target, auth()), 404, "not_found");
            QVERIFY2(why.isEmpty(), qPrintable(QString::fromStdString(target) + ": " + why));
        }
    }
};

QTEST_GUILESS_MAIN(TestEmulatorV1Routes)
#include "tst_emulator_v1_routes.moc"
