// The emulator's Platform API v1 surface, its errors: the envelope {"error": {"type", "message",
// "request_id"}} and its status for 401 (no key), 403 (wrong key), 404, 400/422 (validation),
// 429 and 5xx (the fault injector); request ids unique and in the request log. And the REST
// surface beside it, byte for byte as before v1 was served. The routes: tst_emulator_v1_routes.

#include "tests/integration/PlatformV1Checks.h"

#include <QTest>

using namespace emutest;
using namespace v1check;

class TestEmulatorV1Errors : public QObject, private EmulatorApiFixture
{
    Q_OBJECT

private:
    void setFaults(const FaultOptions &f) { m_emu->server().setFaults(f); }

    // The log entries of requests whose target is exactly `target`.
    QList<RequestLogEntry> logged(const std::string &target)
    {
        QList<RequestLogEntry> out;
        for (const RequestLogEntry &e : m_emu->server().requestLog()) {
            if (e.target == QString::fromStdString(target))
                out << e;
        }
        return out;
    }

private Q_SLOTS:
    void init() { startEmulator(); }
    void cleanup() { stopEmulator(); }

    void authorization()
    {
        QString message;
        QCOMPARE(
            envelopeProblem(c().Get(kV1 + "/list"), 401, "authorization_error", nullptr, &message),
            QString());
        QVERIFY(message.contains(QStringLiteral("Authorization: Key")));
        QCOMPARE(envelopeProblem(c().Get(kV1 + "/file/top.txt"), 401, "authorization_error"),
                 QString());
        const auto wrong = authHeaders(QStringLiteral("test-key-id:wrong"));
        QCOMPARE(envelopeProblem(c().Get(kV1 + "/list", wrong), 403, "authorization_error"),
                 QString());
        QCOMPARE(envelopeProblem(
                     c().Get(kV1 + "/list", {{"Authorization", "Bearer " + kKey.toStdString()}}),
                     403, "authorization_error"),
                 QString());
        // An upload without a key is refused after its body was read; the connection goes on.
        const Form form = fileForm(std::string(300000, 'x'), "new.bin");
        QCOMPARE(envelopeProblem(c().Post(kV1 + "/file/local/new.bin", form.body, form.contentType),
                                 401, "authorization_error"),
                 QString());
        QCOMPARE(envelopeProblem(postForm(c(), kV1 + "/file/local/new.bin", "x", "new.bin",
                                          QStringLiteral("a:b")),
                                 403, "authorization_error"),
                 QString());
        QVERIFY(!QFileInfo::exists(m_emu->path("new.bin")));
        QCOMPARE(c().Get(kV1 + "/list", {{"Authorization", "key " + kKey.toStdString()}})->status,
                 200);
    }

    void notFound()
    {
        QString message;
        QCOMPARE(envelopeProblem(c().Get(kV1 + "/file/models/nope.bin", auth()), 404, "not_found",
                                 nullptr, &message),
                 QString());
        QCOMPARE(message, QStringLiteral("File not found: /data/models/nope.bin"));
        // A folder is no file to download: 404 as on REST (the handlers are shared).
        QCOMPARE(envelopeProblem(c().Get(kV1 + "/file/models", auth()), 404, "not_found"),
                 QString());
    }

    void validation()
    {
        // Paths the store refuses (REST's 400).
        for (const std::string &target :
             {kV1 + "/list/a/../models", kV1 + "/file/%2e%2e/x", kV1 + "/file/.fal-emulator/tmp"}) {
            const QString why = envelopeProblem(c().Get(target, auth()), 400, "validation_error");
            QVERIFY2(why.isEmpty(), qPrintable(QString::fromStdString(target) + ": " + why));
        }
        // A form without file_upload, or with it but no filename: FastAPI's 422.
        const Form other = fileForm("bytes", "x.bin", "other");
        QString message;
        QCOMPARE(envelopeProblem(
                     c().Post(kV1 + "/file/local/x.bin", auth(), other.body, other.contentType),
                     422, "validation_error", nullptr, &message),
                 QString());
        QCOMPARE(message, QStringLiteral("body.file_upload: field required"));
        const Form noName = fileForm("bytes", "");
        QCOMPARE(envelopeProblem(
                     c().Post(kV1 + "/file/local/x.bin", auth(), noName.body, noName.contentType),
                     422, "validation_error"),
                 QString());
        QCOMPARE(envelopeProblem(c().Post(kV1 + "/file/local/x.bin", auth(), "plain", "text/plain"),
                                 422, "validation_error"),
                 QString());
        // A folder where a file is asked, and the root as a file.
        QCOMPARE(envelopeProblem(postForm(c(), kV1 + "/file/local/models", "x"), 400,
                                 "validation_error", nullptr, &message),
                 QString());
        QCOMPARE(message, QStringLiteral("Is a directory: /data/models"));
        QCOMPARE(envelopeProblem(postForm(c(), kV1 + "/file/local/", "x"), 400, "validation_error"),
                 QString());
        QVERIFY(!QFileInfo::exists(m_emu->path("x.bin")));
        // Upload from a URL: bad JSON, no url, a folder as the target.
        QCOMPARE(envelopeProblem(
                     c().Post(kV1 + "/file/url/x.bin", auth(), "not json", "application/json"), 422,
                     "validation_error"),
                 QString());
        QCOMPARE(envelopeProblem(postJson(c(), kV1 + "/file/url/x.bin", {{"link", "http://x"}}),
                                 422, "validation_error", nullptr, &message),
                 QString());
        QCOMPARE(message, QStringLiteral("body.url: field required"));
        QCOMPARE(envelopeProblem(
                     postJson(c(), kV1 + "/file/url/models", {{"url", "http://127.0.0.1:1/x"}}),
                     400, "validation_error"),
                 QString());
    }

    void injectedFaults()
    {
        FaultOptions f;
        f.rateLimitRate = 1.0;
        f.retryAfterSeconds = 7;
        setFaults(f);
        auto r = c().Get(kV1 + "/list", auth());
        QCOMPARE(envelopeProblem(r, 429, "rate_limited"), QString());
        QCOMPARE(r->get_header_value("Retry-After"), std::string("7"));
        r = postForm(c(), kV1 + "/file/local/new.bin", std::string(200000, 'y'));
        QCOMPARE(envelopeProblem(r, 429, "rate_limited"), QString());
        QCOMPARE(r->get_header_value("Retry-After"), std::string("7"));
        QVERIFY(!QFileInfo::exists(m_emu->path("new.bin")));

        f = FaultOptions();
        f.errorRate = 1.0;
        setFaults(f);
        QCOMPARE(envelopeProblem(c().Get(kV1 + "/file/top.txt", auth()), 503, "server_error"),
                 QString());
        f.errorStatus = 500;
        f.errorDetail = QStringLiteral("No space left on device");
        setFaults(f);
        QString message;
        QCOMPARE(envelopeProblem(postJson(c(), kV1 + "/file/url/x.bin", {{"url", "http://x/"}}),
                                 500, "server_error", nullptr, &message),
                 QString());
        QCOMPARE(message, QStringLiteral("No space left on device"));
        setFaults(FaultOptions());
        QCOMPARE(c().Get(kV1 + "/list", auth())->status, 200);
    }

    void requestIdsAreUniqueAndLogged()
    {
        QSet<QString> ids;
        for (int i = 0; i < 5; ++i) {
            const std::string target = kV1 + "/file/missing-" + std::to_string(i);
            QString id;
            QCOMPARE(envelopeProblem(c().Get(target, auth()), 404, "not_found", &id), QString());
            QVERIFY(!ids.contains(id));
            ids.insert(id);
            const QList<RequestLogEntry> entries = logged(target);
            QCOMPARE(entries.size(), 1);
            QCOMPARE(entries.at(0).requestId, id);
            QVERIFY(entries.at(0).toJsonLine().contains(
                QByteArray(QByteArray("\"request_id\":\"") + id.toUtf8())));
        }
        // Answered by httplib before the gate (a Range it cannot parse): still the envelope.
        httplib::Headers badRange = auth();
        badRange.emplace("Range", "bytes=x");
        QString id;
        QCOMPARE(
            envelopeProblem(c().Get(kV1 + "/file/top.txt", badRange), 416, "validation_error", &id),
            QString());
        QVERIFY(!ids.contains(id));
        // httplib's own error answers are logged by its logger, which may run just after the
        // client has the answer (the gate's answers are logged before): wait for the line.
        QTRY_COMPARE(logged(kV1 + "/file/top.txt").value(0).requestId, id);
    }

    // What fal's own client reads on REST did not change: bodies byte for byte, no new headers,
    // no request id in REST log lines.
    void restUnchanged()
    {
        auto r = c().Get("/files/list");
        QCOMPARE(r->status, 401);
        QCOMPARE(r->body,
                 std::string(R"({"detail":"Not authenticated: send 'Authorization: Key )"
                             R"(<key_id>:<key_secret>'"})"));
        const QStringList known {"Connection", "Content-Length", "Content-Type", "Keep-Alive"};
        for (const auto &[name, value] : r->headers)
            QVERIFY2(known.contains(QString::fromStdString(name)), name.c_str());
        r = c().Get("/files/list", authHeaders(QStringLiteral("test-key-id:wrong")));
        QCOMPARE(r->body, std::string(R"({"detail":"Invalid key"})"));
        QCOMPARE(c().Get("/files/nothing", auth())->body, std::string(R"({"detail":"Not Found"})"));
        QCOMPARE(c().Get("/files/file/nope", auth())->body,
                 std::string(R"({"detail":"File not found: /data/nope"})"));
        const Form other = fileForm("bytes", "x.bin", "other");
        r = c().Post("/files/file/local/x.bin", auth(), other.body, other.contentType);
        QCOMPARE(r->status, 422);
        QCOMPARE(r->body,
                 std::string(R"({"detail":[{"loc":["body","file_upload"],)"
                             R"("msg":"field required","type":"value_error.missing"}]})"));
        static const QRegularExpression listing(QStringLiteral(
            R"(^\[\{"path": "/data/models", "name": "models", "created_time": \d+\.\d+, )"
            R"("updated_time": \d+\.\d+, "is_file": false, "size": 0\}, )"
            R"(\{"path": "/data/top.txt", "name": "top.txt", "created_time": \d+\.\d+, )"
            R"("updated_time": \d+\.\d+, "is_file": true, "size": 10\}\]$)"));
        const QString body = QString::fromStdString(c().Get("/files/list", auth())->body);
        QVERIFY2(listing.match(body).hasMatch(), qPrintable(body));

        FaultOptions f;
        f.rateLimitRate = 1.0;
        setFaults(f);
        r = c().Get("/files/list", auth());
        QCOMPARE(r->status, 429);
        QCOMPARE(r->body,
                 std::string(R"j({"detail":"Too many requests (injected by the emulator)"})j"));
        f = FaultOptions();
        f.errorRate = 1.0;
        setFaults(f);
        r = c().Get("/files/list", auth());
        QCOMPARE(r->status, 503);
        QCOMPARE(r->body,
                 std::string(R"j({"detail":"Service temporarily unavailable )j"
                             R"j((injected by the emulator)"})j"));
        setFaults(FaultOptions());

        for (const RequestLogEntry &e : m_emu->server().requestLog()) {
            QVERIFY(e.requestId.isEmpty());
            QVERIFY(!e.toJsonLine().contains("request_id"));
        }
    }
};

QTEST_GUILESS_MAIN(TestEmulatorV1Errors)
#include "tst_emulator_v1_errors.moc"
