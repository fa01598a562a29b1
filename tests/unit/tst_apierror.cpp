// Unit tests for ApiError: turning an HTTP status and body into something a caller can act on
// (kind, transient or not, Retry-After) and a person can read (the server's detail, no HTML soup).
#include "network/api/ApiError.h"

#include <QTest>

using Kind = ApiError::Kind;
Q_DECLARE_METATYPE(ApiError::Kind)

class TestApiError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromHttp_data();
    void fromHttp();
    void messageCarriesDetail_data();
    void messageCarriesDetail();
    void validationDetailIsReadable();
    void platformApiErrorForm();
    void retryAfter_data();
    void retryAfter();
    void htmlDoesNotLeak_data();
    void htmlDoesNotLeak();
    void plainTextIsKeptShort();
    void isTransient_data();
    void isTransient();
    void make();
    void noneIsNotAnError();
    void redirectSaysWhatHappened_data();
    void redirectSaysWhatHappened();
};

void TestApiError::fromHttp_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<bool>("transient");

    QTest::newRow("400") << 400 << QByteArray(R"({"detail":"Invalid path"})") << Kind::BadRequest
                         << "Invalid path" << false;
    QTest::newRow("401") << 401 << QByteArray(R"({"detail":"Missing credentials"})")
                         << Kind::Unauthorized << "Missing credentials" << false;
    QTest::newRow("403") << 403 << QByteArray(R"({"detail":"Invalid key"})") << Kind::Forbidden
                         << "Invalid key" << false;
    QTest::newRow("404") << 404 << QByteArray(R"({"detail":"File not found"})") << Kind::NotFound
                         << "File not found" << false;
    QTest::newRow("408") << 408 << QByteArray() << Kind::Timeout << "" << true;
    QTest::newRow("409") << 409 << QByteArray(R"({"detail":"Destination already exists"})")
                         << Kind::Conflict << "Destination already exists" << false;
    QTest::newRow("413") << 413 << QByteArray(R"({"detail":"Part too large"})") << Kind::TooLarge
                         << "Part too large" << false;
    QTest::newRow("422 string") << 422 << QByteArray(R"({"detail":"bad"})") << Kind::BadRequest
                                << "bad" << false;
    QTest::newRow("422 list")
        << 422
        << QByteArray(
               R"({"detail":[{"loc":["body","url"],"msg":"field required","type":"value_error.missing"}]})")
        << Kind::BadRequest << "body.url: field required" << false;
    QTest::newRow("429") << 429 << QByteArray(R"({"detail":"Too many requests"})")
                         << Kind::RateLimited << "Too many requests" << true;
    QTest::newRow("500") << 500 << QByteArray(R"({"detail":"Internal Server Error"})")
                         << Kind::Server << "Internal Server Error" << true;
    QTest::newRow("502 empty") << 502 << QByteArray() << Kind::Server << "" << true;
    QTest::newRow("503") << 503 << QByteArray(R"({"detail":"Service Unavailable"})") << Kind::Server
                         << "Service Unavailable" << true;
    QTest::newRow("504") << 504 << QByteArray() << Kind::Server << "" << true;
    QTest::newRow("418 other 4xx")
        << 418 << QByteArray(R"({"detail":"teapot"})") << Kind::BadRequest << "teapot" << false;
    QTest::newRow("200 is not an HTTP error")
        << 200 << QByteArray("true") << Kind::Protocol << "true" << false;
}

void TestApiError::fromHttp()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(Kind, kind);
    QFETCH(QString, detail);
    QFETCH(bool, transient);

    const ApiError error = ApiError::fromHttp(status, body);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.detail, detail);
    QCOMPARE(error.isTransient(), transient);
    QVERIFY(error.isError());
    QCOMPARE(error.retryAfterSecs, -1);
    QVERIFY(!error.message().isEmpty());
    if (!detail.isEmpty())
        QVERIFY2(error.message().contains(detail), qPrintable(error.message()));
}

void TestApiError::messageCarriesDetail_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("mentions"); // something a person needs besides the detail

    QTest::newRow("401") << 401 << "key";
    QTest::newRow("403") << 403 << "key";
    QTest::newRow("404") << 404 << "";
    QTest::newRow("409") << 409 << "exists";
    QTest::newRow("413") << 413 << "large";
    QTest::newRow("422") << 422 << "422";
    QTest::newRow("429") << 429 << "429";
    QTest::newRow("500") << 500 << "500";
    QTest::newRow("503") << 503 << "503";
}

void TestApiError::messageCarriesDetail()
{
    QFETCH(int, status);
    QFETCH(QString, mentions);
    const QString detail = QStringLiteral("quota exceeded for team acme (ref 7f3a)");
    const ApiError error
        = ApiError::fromHttp(status, R"x({"detail":"quota exceeded for team acme (ref 7f3a)"})x");
    const QString message = error.message();
    QVERIFY2(message.contains(detail), qPrintable(message));
    if (!mentions.isEmpty())
        QVERIFY2(message.contains(mentions, Qt::CaseInsensitive), qPrintable(message));
    // Without a detail the message still says something.
    QVERIFY(!ApiError::fromHttp(status, QByteArray()).message().isEmpty());
}

void TestApiError::validationDetailIsReadable()
{
    const QByteArray body = R"({"detail":[
        {"loc":["body","destination"],"msg":"field required","type":"value_error.missing"},
        {"loc":["path","n",0],"msg":"value is not a valid integer","type":"type_error.integer"},
        {"loc":[],"msg":"no location","type":"x"}
    ]})";
    const ApiError error = ApiError::fromHttp(422, body);
    QCOMPARE(error.kind, Kind::BadRequest);
    QCOMPARE(error.detail,
             QStringLiteral("body.destination: field required; "
                            "path.n.0: value is not a valid integer; no location"));
    const QString message = error.message();
    QVERIFY2(message.contains(QStringLiteral("body.destination: field required")),
             qPrintable(message));
    // Nothing of the raw JSON structure leaks into what people read.
    for (const char *raw : {"{", "[", "\"loc\"", "value_error", "type_error"})
        QVERIFY2(!message.contains(QLatin1String(raw)), qPrintable(message));
    QCOMPARE(ApiError::detailFromBody(body), error.detail);
}

void TestApiError::platformApiErrorForm()
{
    const ApiError error = ApiError::fromHttp(
        404,
        R"({"error":{"type":"not_found","message":"File not found: /data/x","request_id":"r1"}})");
    QCOMPARE(error.kind, Kind::NotFound);
    QCOMPARE(error.detail, QStringLiteral("File not found: /data/x"));
    QVERIFY(error.message().contains(QStringLiteral("File not found: /data/x")));
}

void TestApiError::retryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("seconds");

    QTest::newRow("absent") << QByteArray() << -1;
    QTest::newRow("zero") << QByteArray("0") << 0;
    QTest::newRow("seconds") << QByteArray("7") << 7;
    QTest::newRow("blanks") << QByteArray("  120 ") << 120;
    QTest::newRow("negative") << QByteArray("-3") << -1;
    QTest::newRow("garbage") << QByteArray("soon") << -1;
}

void TestApiError::retryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(int, seconds);
    const ApiError error = ApiError::fromHttp(429, R"({"detail":"slow down"})", header);
    QCOMPARE(error.kind, Kind::RateLimited);
    QCOMPARE(error.retryAfterSecs, seconds);
    QVERIFY(error.isTransient());
}

void TestApiError::htmlDoesNotLeak_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("nginx 502") << 502
                               << QByteArray(
                                      "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
                                      "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
                                      "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n");
    QTest::newRow("doctype, leading blanks")
        << 503
        << QByteArray("\n\n  <!DOCTYPE html><html><body><script>"
                      "var secret=1;</script>Oops</body></html>");
    QTest::newRow("cloudflare 429")
        << 429
        << QByteArray("<!DOCTYPE html>\n<html lang=\"en-US\"><head><title>"
                      "Just a moment...</title></head><body></body></html>");
    QTest::newRow("huge html") << 500 << QByteArray("<html>") + QByteArray(100000, 'x') + "</html>";
}

void TestApiError::htmlDoesNotLeak()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    const ApiError error = ApiError::fromHttp(status, body);
    QVERIFY(error.isError());
    QVERIFY2(!error.detail.contains(QLatin1Char('<')), qPrintable(error.detail));
    QVERIFY2(!error.detail.contains(QLatin1String("html"), Qt::CaseInsensitive),
             qPrintable(error.detail));
    const QString message = error.message();
    QVERIFY2(!message.contains(QLatin1Char('<')), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1String("script")), qPrintable(message));
    QVERIFY(message.size() < 400);
}

void TestApiError::plainTextIsKeptShort()
{
    const ApiError plain = ApiError::fromHttp(502, "upstream connect error or disconnect/reset");
    QCOMPARE(plain.detail, QStringLiteral("upstream connect error or disconnect/reset"));
    QVERIFY(plain.message().contains(plain.detail));

    const ApiError huge = ApiError::fromHttp(500, QByteArray(100000, 'y'));
    QVERIFY(!huge.detail.isEmpty());
    QVERIFY2(huge.detail.size() <= 200, qPrintable(QString::number(huge.detail.size())));
    QVERIFY(huge.message().size() < 400);

    const ApiError multiline = ApiError::fromHttp(500, "line one\r\n\tline two\n");
    QCOMPARE(multiline.detail, QStringLiteral("line one line two"));
}

void TestApiError::isTransient_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("transient");

    QTest::newRow("None") << Kind::None << false;
    QTest::newRow("Network") << Kind::Network << true;
    QTest::newRow("Timeout") << Kind::Timeout << true;
    QTest::newRow("Unauthorized") << Kind::Unauthorized << false;
    QTest::newRow("Forbidden") << Kind::Forbidden << false;
    QTest::newRow("NotFound") << Kind::NotFound << false;
    QTest::newRow("Conflict") << Kind::Conflict << false;
    QTest::newRow("TooLarge") << Kind::TooLarge << false;
    QTest::newRow("BadRequest") << Kind::BadRequest << false;
    QTest::newRow("RateLimited") << Kind::RateLimited << true;
    QTest::newRow("Server") << Kind::Server << true;
    QTest::newRow("Protocol") << Kind::Protocol << false;
    QTest::newRow("Integrity") << Kind::Integrity << false;
    QTest::newRow("Local") << Kind::Local << false;
    QTest::newRow("Cancelled") << Kind::Cancelled << false;
    QTest::newRow("Changed") << Kind::Changed << false;
}

void TestApiError::isTransient()
{
    QFETCH(Kind, kind);
    QFETCH(bool, transient);
    const ApiError error = ApiError::make(kind, QStringLiteral("why"));
    QCOMPARE(error.isTransient(), transient);
    QCOMPARE(error.isError(), kind != Kind::None);
    if (kind != Kind::None && kind != Kind::Cancelled)
        QVERIFY2(error.message().contains(QStringLiteral("why")), qPrintable(error.message()));
}

void TestApiError::make()
{
    const ApiError error = ApiError::make(Kind::Local, QStringLiteral("The disk is full."));
    QCOMPARE(error.kind, Kind::Local);
    QCOMPARE(error.httpStatus, 0);
    QCOMPARE(error.retryAfterSecs, -1);
    QCOMPARE(error.detail, QStringLiteral("The disk is full."));
    QCOMPARE(error.message(), QStringLiteral("The disk is full."));
}

void TestApiError::noneIsNotAnError()
{
    const ApiError none;
    QVERIFY(!none.isError());
    QVERIFY(!none.isTransient());
    QVERIFY(none.message().isEmpty());
}

void TestApiError::redirectSaysWhatHappened_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("location");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("mentions");

    const QByteArray to = "https://elsewhere.example/files/list";
    QTest::newRow("301") << 301 << to << QByteArray()
                         << QStringList {"301 Moved Permanently", QString::fromUtf8(to)};
    QTest::newRow("302 html") << 302 << to << QByteArray("<html>Found</html>")
                              << QStringList {"302 Found", QString::fromUtf8(to)};
    QTest::newRow("307 json") << 307 << to << QByteArray(R"({"detail":"moved"})")
                              << QStringList {"307 Temporary Redirect", "moved"};
    QTest::newRow("308 nowhere") << 308 << QByteArray() << QByteArray()
                                 << QStringList {"308 Permanent Redirect", "where to"};
    QTest::newRow("399") << 399 << to << QByteArray() << QStringList {"HTTP 399"};
}

void TestApiError::redirectSaysWhatHappened()
{
    QFETCH(int, status);
    QFETCH(QByteArray, location);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, mentions);
    const ApiError error = ApiError::fromHttp(status, body, {}, location);
    QCOMPARE(error.kind, Kind::Protocol);
    QVERIFY(!error.isTransient());
    const QString message = error.message();
    QVERIFY2(message.contains(QStringLiteral("does not follow")), qPrintable(message));
    for (const QString &mention : mentions)
        QVERIFY2(message.contains(mention), qPrintable(message));
}

QTEST_GUILESS_MAIN(TestApiError)
#include "tst_apierror.moc"
