// The emulator's REST surface on the raw wire, what writes: uploads (plain, unzip, from URL),
// delete, rename, and hostile paths that must touch nothing. What reads:
// tst_emulator_api_reads.

#include "tests/integration/EmulatorApiFixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <thread>

using namespace emutest;

class TestEmulatorApiWrites : public QObject, private EmulatorApiFixture
{
    Q_OBJECT

private Q_SLOTS:
    void init() { startEmulator(); }
    void cleanup() { stopEmulator(); }

    void hostileTargetsAre400AndTouchNothing_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QString>("target");
        QTest::newRow("list ..%2f") << "GET"
                                    << "/files/list/..%2f..%2fetc";
        QTest::newRow("list //data/..") << "GET"
                                        << "/files/list//data/../etc";
        QTest::newRow("list %2e%2e") << "GET"
                                     << "/files/list/%2e%2e/%2e%2e/etc";
        QTest::newRow("list %2E%2E upper") << "GET"
                                           << "/files/list/models/%2E%2E/%2E%2E";
        QTest::newRow("list absolute elsewhere") << "GET"
                                                 << "/files/list//etc";
        QTest::newRow("list NUL") << "GET"
                                  << "/files/list/models%00x";
        QTest::newRow("list reserved") << "GET"
                                       << "/files/list/.fal-emulator";
        QTest::newRow("list reserved uploads") << "GET"
                                               << "/files/list//data/.fal-emulator/uploads";
        QTest::newRow("list via symlink out") << "GET"
                                              << "/files/list/escape";
        QTest::newRow("download passwd") << "GET"
                                         << "/files/file/..%2f..%2f..%2fetc%2fpasswd";
        QTest::newRow("download absolute") << "GET"
                                           << "/files/file//etc/passwd";
        QTest::newRow("download via symlink") << "GET"
                                              << "/files/file/escape/secret.txt";
        QTest::newRow("delete ..") << "DELETE"
                                   << "/files/file/models/..%2f..%2fx";
        QTest::newRow("delete via symlink") << "DELETE"
                                            << "/files/file/escape/secret.txt";
        QTest::newRow("upload ..") << "POST"
                                   << "/files/file/local/..%2fescaped.txt";
        QTest::newRow("upload via symlink") << "POST"
                                            << "/files/file/local/escape/new.txt";
        QTest::newRow("upload reserved") << "POST"
                                         << "/files/file/local/.fal-emulator/tmp/x";
        QTest::newRow("exists via symlink") << "POSTJSON"
                                            << "/files/file/exists/escape/secret.txt";
        QTest::newRow("initiate ..") << "POSTJSON"
                                     << "/files/file/multipart//data/../x/initiate";
    }

    void hostileTargetsAre400AndTouchNothing()
    {
        QFETCH(QString, method);
        QFETCH(QString, target);
        const QStringList rootBefore = tree(m_emu->root());
        const QStringList outsideBefore = tree(m_outside.path());
        const std::string t = target.toStdString();
        httplib::Result r = method == "GET" ? c().Get(t, auth())
            : method == "DELETE"            ? c().Delete(t, auth())
            : method == "POST"              ? postForm(c(), t, "pwned")
                                            : postJson(c(), t, QJsonObject());
        QVERIFY(r);
        QCOMPARE(r->status, 400);
        QVERIFY2(detailOf(r).startsWith(QStringLiteral("Invalid path")), r->body.c_str());
        QCOMPARE(tree(m_emu->root()), rootBefore);
        QCOMPARE(tree(m_outside.path()), outsideBefore);
        QCOMPARE(readFile(m_outside.path() + "/secret.txt"), QByteArray("secret"));
    }

    void uploadLocal()
    {
        const std::string binary = randomBytes(3 * 1024 * 1024 + 17);
        auto r = postForm(c(), "/files/file/local/new/deep/file.bin", binary);
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(readFile(m_emu->path("new/deep/file.bin")).toStdString(), binary);
        // Overwrite.
        r = postForm(c(), "/files/file/local//data/new/deep/file.bin", "short");
        QCOMPARE(r->status, 200);
        QCOMPARE(readFile(m_emu->path("new/deep/file.bin")), QByteArray("short"));
        // Empty file.
        QCOMPARE(postForm(c(), "/files/file/local/zero.bin", "")->status, 200);
        QVERIFY(QFileInfo(m_emu->path("zero.bin")).isFile());
        QCOMPARE(QFileInfo(m_emu->path("zero.bin")).size(), 0);

        QCOMPARE(postForm(c(), "/files/file/local/models", "x")->status, 400); // a directory
        QCOMPARE(postForm(c(), "/files/file/local/top.txt/child", "x")->status,
                 400); // parent is a file
        QCOMPARE(postForm(c(), "/files/file/local", "x")->status, 400); // no path

        // FastAPI-style validation errors.
        const Form wrongField = fileForm("x", "f.bin", "file");
        r = c().Post("/files/file/local/v.bin", auth(), wrongField.body, wrongField.contentType);
        QCOMPARE(r->status, 422);
        const QJsonObject error = json(r).object().value("detail").toArray().at(0).toObject();
        QCOMPARE(error.value("loc").toArray(), QJsonArray({"body", "file_upload"}));
        QCOMPARE(error.value("type").toString(), QStringLiteral("value_error.missing"));
        QVERIFY(!error.value("msg").toString().isEmpty());
        const Form noFilename = fileForm("x", "");
        QCOMPARE(
            c().Post("/files/file/local/v.bin", auth(), noFilename.body, noFilename.contentType)
                ->status,
            422);
        QCOMPARE(c().Post("/files/file/local/v.bin", auth(), "{}", "application/json")->status,
                 422);
        QCOMPARE(c().Post("/files/file/local/v.bin", auth(), "--b\r\nbroken",
                          "multipart/form-data; boundary=b")
                     ->status,
                 400);
        QVERIFY(!QFileInfo::exists(m_emu->path("v.bin")));
        QCOMPARE(tree(m_emu->root() + "/.fal-emulator/tmp"), QStringList());
    }

    void unzipIntoTargetDirectory()
    {
        const QByteArray zip = makeZip({{ZipEntry::File, "a.txt", "A"},
                                        {ZipEntry::File, "nested/b.txt", "B"},
                                        {ZipEntry::File, ".fal_hash", "abc"}});
        auto r = postForm(c(), "/files/file/local/sync/proj?unzip=true", zip.toStdString(),
                          "proj.zip");
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(tree(m_emu->path("sync/proj")),
                 QStringList({".fal_hash", "a.txt", "nested", "nested/b.txt"}));
        // A second archive merges: files replaced, others kept.
        r = postForm(c(), "/files/file/local//data/sync/proj?unzip=true",
                     makeZip({{ZipEntry::File, "a.txt", "A2"}, {ZipEntry::File, "c.txt", "C"}})
                         .toStdString(),
                     "p.zip");
        QCOMPARE(r->status, 200);
        QCOMPARE(readFile(m_emu->path("sync/proj/a.txt")), QByteArray("A2"));
        QCOMPARE(readFile(m_emu->path("sync/proj/nested/b.txt")), QByteArray("B"));
        QCOMPARE(readFile(m_emu->path("sync/proj/c.txt")), QByteArray("C"));
        // unzip=false (what fal's generated client sends by default) stores the ZIP as a file.
        r = postForm(c(), "/files/file/local/archive.zip?unzip=false", zip.toStdString(),
                     "archive.zip");
        QCOMPARE(r->status, 200);
        QCOMPARE(readFile(m_emu->path("archive.zip")), zip);
    }

    void unzipDirectoryOnlyMakesFolder()
    {
        // How our client makes an empty folder: the API has no mkdir.
        auto r = postForm(c(), "/files/file/local/models?unzip=true",
                          makeZip({{ZipEntry::Directory, "Empty Folder/", {}}}).toStdString(),
                          "mkdir.zip");
        QCOMPARE(r->status, 200);
        QVERIFY(QFileInfo(m_emu->path("models/Empty Folder")).isDir());
        const QJsonArray listed
            = json(c().Get("/files/list/models/Empty%20Folder", auth())).array();
        QCOMPARE(listed.size(), 0);
        QCOMPARE(json(c().Get("/files/list/models", auth())).array().size(), 3);
        // Into the root, too.
        QCOMPARE(postForm(c(), "/files/file/local?unzip=true",
                          makeZip({{ZipEntry::Directory, "fresh/", {}}}).toStdString(), "m.zip")
                     ->status,
                 200);
        QVERIFY(QFileInfo(m_emu->path("fresh")).isDir());
    }

    void unzipRefusesHostileArchives()
    {
        const QStringList before = tree(m_emu->root());
        auto r = postForm(
            c(), "/files/file/local/target?unzip=true",
            makeZip({{ZipEntry::File, "ok.txt", "ok"}, {ZipEntry::File, "../../slip.txt", "x"}})
                .toStdString());
        QCOMPARE(r->status, 400);
        QVERIFY(detailOf(r).contains(QStringLiteral("Unsafe ZIP entry")));
        r = postForm(c(), "/files/file/local?unzip=true",
                     makeZip({{ZipEntry::File, ".fal-emulator/uploads/x", "x"}}).toStdString());
        QCOMPARE(r->status, 400);
        QCOMPARE(postForm(c(), "/files/file/local/t2?unzip=true", "not a zip")->status, 400);
        QCOMPARE(postForm(c(), "/files/file/local/top.txt?unzip=true",
                          makeZip({{ZipEntry::File, "a", "a"}}).toStdString())
                     ->status,
                 400);
        QCOMPARE(tree(m_emu->root()), before);
        QCOMPARE(tree(m_emu->root() + "/.fal-emulator/tmp"), QStringList());
        QVERIFY(!QFileInfo::exists(m_outside.path() + "/slip.txt"));

        r = postForm(c(), "/files/file/local/links?unzip=true",
                     makeZip({{ZipEntry::Symlink, "out", "/etc"}, {ZipEntry::File, "f.txt", "f"}})
                         .toStdString());
        QCOMPARE(r->status, 200);
        QVERIFY(QString::fromStdString(r->get_header_value("X-Fal-Emulator-Skipped"))
                    .contains(QStringLiteral("symbolic link")));
        QCOMPARE(tree(m_emu->path("links")), QStringList({"f.txt"}));
    }

    void uploadFromUrl()
    {
        httplib::Server source;
        source.Get("/weights.bin", [](const httplib::Request &, httplib::Response &res) {
            res.set_content(randomBytes(500000, 7), "application/octet-stream");
        });
        source.Get("/moved", [](const httplib::Request &, httplib::Response &res) {
            res.set_redirect("/weights.bin");
        });
        const int port = source.bind_to_any_port("127.0.0.1");
        std::thread serving([&] { source.listen_after_bind(); });
        const std::string base = "http://127.0.0.1:" + std::to_string(port);

        auto r = postJson(c(), "/files/file/url//data/imported/w.bin",
                          {{"url", QString::fromStdString(base + "/weights.bin")}});
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(readFile(m_emu->path("imported/w.bin")).toStdString(), randomBytes(500000, 7));
        r = postJson(c(), "/files/file/url/imported/w2.bin",
                     {{"url", QString::fromStdString(base + "/moved")}});
        QCOMPARE(r->status, 200);
        QCOMPARE(QFileInfo(m_emu->path("imported/w2.bin")).size(), 500000);

        r = postJson(c(), "/files/file/url/imported/missing.bin",
                     {{"url", QString::fromStdString(base + "/nope")}});
        QCOMPARE(r->status, 400);
        QVERIFY(detailOf(r).contains(QStringLiteral("404")));
        QVERIFY(!QFileInfo::exists(m_emu->path("imported/missing.bin")));
        QCOMPARE(postJson(c(), "/files/file/url/x.bin", {{"url", "ftp://example.com/x"}})->status,
                 400);
        r = postJson(c(), "/files/file/url/x.bin", {{"link", "http://x"}});
        QCOMPARE(r->status, 422);
        QCOMPARE(json(r).object().value("detail").toArray().at(0).toObject().value("loc").toArray(),
                 QJsonArray({"body", "url"}));
        QCOMPARE(c().Post("/files/file/url/x.bin", auth(), "not json", "application/json")->status,
                 422);
        source.stop();
        serving.join();
        QCOMPARE(tree(m_emu->root() + "/.fal-emulator/tmp"), QStringList());
    }

    void deleteFilesAndDirectories()
    {
        auto r = c().Delete("/files/file/models/a.bin", auth());
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QVERIFY(!QFileInfo::exists(m_emu->path("models/a.bin")));
        r = c().Delete("/files/file//data/models", auth());
        QCOMPARE(r->status, 200);
        QVERIFY(!QFileInfo::exists(m_emu->path("models")));
        QCOMPARE(c().Delete("/files/file/models", auth())->status, 404);
        for (const char *root :
             {"/files/file", "/files/file/", "/files/file//data", "/files/file/data/.."}) {
            r = c().Delete(root, auth());
            QCOMPARE(r->status, 400);
        }
        QVERIFY(QFileInfo::exists(m_emu->path("top.txt")));
        // A symlink inside the root is removed itself; its target stays.
        QVERIFY(QFile::link(m_emu->path("top.txt"), m_emu->path("alias.txt")));
        QCOMPARE(c().Delete("/files/file/alias.txt", auth())->status, 200);
        QVERIFY(QFileInfo::exists(m_emu->path("top.txt")));
        QCOMPARE(tree(m_emu->root() + "/.fal-emulator/trash"), QStringList());
    }

    void rename()
    {
        auto r = postJson(c(), "/files/rename/models/a.bin",
                          {{"destination", "/data/moved/deep/a2.bin"}});
        QCOMPARE(r->status, 200);
        QCOMPARE(r->body, std::string("true"));
        QCOMPARE(readFile(m_emu->path("moved/deep/a2.bin")), QByteArray("alpha-bytes"));
        QVERIFY(!QFileInfo::exists(m_emu->path("models/a.bin")));
        // Directories, with the SDK's absolute form on both sides.
        r = postJson(c(), "/files/rename//data/models", {{"destination", "/data/renamed"}});
        QCOMPARE(r->status, 200);
        QCOMPARE(readFile(m_emu->path("renamed/sub/b.txt")), QByteArray("bravo"));
        // Relative destination.
        QCOMPARE(
            postJson(c(), "/files/rename/top.txt", {{"destination", "renamed/top.txt"}})->status,
            200);
        QVERIFY(QFileInfo::exists(m_emu->path("renamed/top.txt")));

        r = postJson(c(), "/files/rename/renamed/top.txt",
                     {{"destination", "/data/moved/deep/a2.bin"}});
        QCOMPARE(r->status, 409);
        QVERIFY(!detailOf(r).isEmpty());
        QCOMPARE(readFile(m_emu->path("moved/deep/a2.bin")), QByteArray("alpha-bytes"));
        QCOMPARE(postJson(c(), "/files/rename/nope", {{"destination", "/data/x"}})->status, 404);
        QCOMPARE(postJson(c(), "/files/rename/renamed", {{"destination", "/data/renamed/inner"}})
                     ->status,
                 400);
        QCOMPARE(postJson(c(), "/files/rename/renamed", {{"destination", "/etc/x"}})->status, 400);
        QCOMPARE(
            postJson(c(), "/files/rename/renamed", {{"destination", "/data/escape/x"}})->status,
            400);
        QCOMPARE(postJson(c(), "/files/rename//data", {{"destination", "/data/x"}})->status, 400);
        r = postJson(c(), "/files/rename/renamed", {{"dest", "/data/x"}});
        QCOMPARE(r->status, 422);
        QCOMPARE(json(r).object().value("detail").toArray().at(0).toObject().value("loc").toArray(),
                 QJsonArray({"body", "destination"}));
        QCOMPARE(postJson(c(), "/files/rename/renamed", {{"destination", 5}})->status, 422);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorApiWrites)
#include "tst_emulator_api_writes.moc"
