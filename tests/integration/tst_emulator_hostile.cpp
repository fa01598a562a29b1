// Hostile or odd things on the wire and in the root that once hurt the emulator: a FIFO where a
// file should be, part numbers past 32 bits, URLs holding "%1", symlinks out of a hashed folder.
// Each test here failed before its fix.

#include "tests/support/EmulatorTestSupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>

#include <thread>

using namespace emutest;

class TestEmulatorHostile : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Emulator> m_emu;
    std::unique_ptr<httplib::Client> m_client;
    QTemporaryDir m_outside;
    QStringList m_fifos;

    httplib::Client &c() { return *m_client; }

    bool makeFifo(const QString &relative)
    {
        const QString path = m_emu->path(relative);
        QDir().mkpath(QFileInfo(path).path());
        if (::mkfifo(QFile::encodeName(path).constData(), 0644) != 0)
            return false;
        m_fifos << path;
        return true;
    }

    // Starts an upload of `path` with part 1 stored; returns its base target.
    std::string uploadWithOnePart(const std::string &path, QJsonObject *part)
    {
        const auto r = c().Post("/files/file/multipart/" + path + "/initiate", authHeaders(), "",
                                "application/json");
        if (!r || r->status != 200)
            return {};
        const std::string base = "/files/file/multipart/" + path + "/"
            + json(r).object().value("upload_id").toString().toStdString();
        const auto p = putPart(c(), base + "/1", "one");
        if (!p || p->status != 200)
            return {};
        *part = json(p).object();
        return base;
    }

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<Emulator>();
        QVERIFY(m_emu->start());
        m_client = m_emu->client();
        QVERIFY(writeFile(m_outside.path() + "/secret.txt", "SECRET"));
    }

    void cleanup()
    {
        // Should a regression leave a worker blocked opening a FIFO, a writer releases it, so
        // the failure is reported instead of stop() waiting for that worker forever.
        for (const QString &fifo : std::as_const(m_fifos)) {
            const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
        }
        m_fifos.clear();
        m_client.reset();
        m_emu.reset();
    }

    void fifoIsRefusedNotOpened()
    {
        QVERIFY(makeFifo("models/pipe"));
        for (const bool head : {false, true}) {
            const auto r = head ? c().Head("/files/file/models/pipe", authHeaders())
                                : c().Get("/files/file/models/pipe", authHeaders());
            QVERIFY(r);
            QCOMPARE(r->status, 400);
            if (!head)
                QVERIFY2(detailOf(r).contains(QStringLiteral("not a regular file")),
                         r->body.c_str());
        }
        // The server still answers, so no worker is stuck on the FIFO.
        QVERIFY(writeFile(m_emu->path("models/a.bin"), "alpha"));
        QCOMPARE(c().Get("/files/file/models/a.bin", authHeaders())->body, std::string("alpha"));
        const auto r = c().Post("/files/file/exists/models/pipe?calculate_checksum=true",
                                authHeaders(), "", "application/json");
        QVERIFY(r);
        QVERIFY(r->status < 500);
    }

    void checkHashDoesNotFollowLinksOut()
    {
        QVERIFY(writeFile(m_emu->path("sync/a.txt"), "A"));
        QVERIFY(QFile::link(m_outside.path() + "/secret.txt", m_emu->path("sync/c-out.txt")));
        QVERIFY(QFile::link(m_outside.path(), m_emu->path("sync/d-outdir")));
        QVERIFY(QFile::link(m_emu->path("sync/a.txt"), m_emu->path("sync/e-in.txt")));
        // A link inside the root is read as os.walk would; the ones leading out are not.
        const QString twiceA = QString::fromLatin1(
            QCryptographicHash::hash("AA", QCryptographicHash::Sha256).toHex());
        const auto r = postJson(c(), "/files/dir/check_hash/sync", {{"hash", twiceA}});
        QVERIFY(r);
        QCOMPARE(r->body, std::string("true"));
        // A stored hash that is a link out of the root would answer whether a file outside
        // holds a given text.
        QVERIFY(writeFile(m_outside.path() + "/guess.txt", "deadbeef"));
        QVERIFY(QDir().mkpath(m_emu->path("linked")));
        QVERIFY(QFile::link(m_outside.path() + "/guess.txt", m_emu->path("linked/.fal_hash")));
        QCOMPARE(postJson(c(), "/files/dir/check_hash/linked", {{"hash", "deadbeef"}})->body,
                 std::string("false"));
    }

    void checkHashSkipsFifos()
    {
        QVERIFY(writeFile(m_emu->path("sync/a.txt"), "A"));
        QVERIFY(makeFifo("sync/b.pipe"));
        QVERIFY(makeFifo("fifo-hash/.fal_hash"));
        const QString onlyA = QString::fromLatin1(
            QCryptographicHash::hash("A", QCryptographicHash::Sha256).toHex());
        auto r = postJson(c(), "/files/dir/check_hash/sync", {{"hash", onlyA}});
        QVERIFY(r);
        QCOMPARE(r->body, std::string("true"));
        r = postJson(c(), "/files/dir/check_hash/fifo-hash", {{"hash", onlyA}});
        QVERIFY(r);
        QCOMPARE(r->body, std::string("false"));
    }

    void checkHashOfTheRootSkipsTheEmulatorsState()
    {
        QVERIFY(writeFile(m_emu->path("a.txt"), "A"));
        // An unfinished upload keeps its state (meta.json, parts) under .fal-emulator.
        QJsonObject part;
        QVERIFY(!uploadWithOnePart("pending.bin", &part).empty());
        const QString onlyA = QString::fromLatin1(
            QCryptographicHash::hash("A", QCryptographicHash::Sha256).toHex());
        QCOMPARE(postJson(c(), "/files/dir/check_hash//data", {{"hash", onlyA}})->body,
                 std::string("true"));
    }

    void partNumberBeyond32BitsIsRefused()
    {
        QJsonObject part;
        const std::string base = uploadWithOnePart("big.bin", &part);
        QVERIFY(!base.empty());
        const QJsonValue etag = part.value("etag");
        for (const double number :
             {4294967297.0, 4294967296.0 + 10000, -4294967295.0, 0.0, 10001.0, 1.5, 1e300}) {
            const auto r = postJson(
                c(), base + "/complete",
                {{"parts", QJsonArray {QJsonObject {{"part_number", number}, {"etag", etag}}}}});
            QVERIFY(r);
            QVERIFY2(r->status == 422, qPrintable(QString::number(number, 'g', 17)));
            QCOMPARE(
                json(r).object().value("detail").toArray().at(0).toObject().value("loc").toArray(),
                QJsonArray({"body", "parts", 0, "part_number"}));
        }
        for (const QJsonValue &notANumber : {QJsonValue("1"), QJsonValue(true), QJsonValue()}) {
            const auto r = postJson(
                c(), base + "/complete",
                {{"parts",
                  QJsonArray {QJsonObject {{"part_number", notANumber}, {"etag", etag}}}}});
            QCOMPARE(r->status, 422);
        }
        QVERIFY(!QFileInfo::exists(m_emu->path("big.bin")));
        // The upload is intact: the real part completes it.
        const auto done = postJson(c(), base + "/complete", {{"parts", QJsonArray {part}}});
        QCOMPARE(done->status, 200);
        QCOMPARE(readFile(m_emu->path("big.bin")), QByteArray("one"));
    }

    void partNumberInThePathIsStrict()
    {
        QJsonObject part;
        const std::string base = uploadWithOnePart("strict.bin", &part);
        QVERIFY(!base.empty());
        // Signs, blanks and stray characters are not numbers, whatever QString::toInt thinks.
        for (const char *number : {"+2", "%202", "2%20", "2%0B", "%092", "0x2", "2.0"}) {
            const auto r = putPart(c(), base + "/" + number, "x");
            QVERIFY(r);
            QVERIFY2(
                r->status == 422,
                qPrintable(QString::number(r->status) + QLatin1Char(' ') + QLatin1String(number)));
        }
        for (const char *number : {"0", "10001", "4294967297", "99999999999999999999999"}) {
            const auto r = putPart(c(), base + "/" + number, "x");
            QVERIFY(r);
            QVERIFY2(r->status == 400, number);
            QVERIFY(detailOf(r).contains(QStringLiteral("between 1 and 10000")));
        }
        QCOMPARE(putPart(c(), base + "/0002", "x")->status, 200); // leading zeros: still 2
    }

    void urlWithPercentDigitsIsQuotedVerbatim()
    {
        httplib::Server source;
        source.Get(".*", [](const httplib::Request &, httplib::Response &res) {
            res.status = 404;
            res.set_content("no", "text/plain");
        });
        const int port = source.bind_to_any_port("127.0.0.1");
        std::thread serving([&] { source.listen_after_bind(); });
        // "%1a" and "%01" are valid escapes and also QString::arg() placeholders.
        const QString url = QStringLiteral("http://127.0.0.1:") + QString::number(port)
            + QStringLiteral("/w%1a?v=%01");
        const auto r = postJson(c(), "/files/file/url/x.bin", {{"url", url}});
        source.stop();
        serving.join();
        QVERIFY(r);
        QCOMPARE(r->status, 400);
        QCOMPARE(detailOf(r),
                 QStringLiteral("Fetching ") + url + QStringLiteral(" failed: HTTP 404"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorHostile)
#include "tst_emulator_hostile.moc"
