// A service that answers with a redirect (301/302/307, with a body or without): the client says
// what happened instead of an empty message, and never follows it, so the key goes nowhere else.
#include "network/api/FilesClient.h"
#include "network/api/ListJob.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/StaticHttpServer.h"

#include <QNetworkAccessManager>
#include <QTest>

namespace {

QByteArray answer(int status, const QByteArray &reason, const QByteArray &location,
                  const QByteArray &body)
{
    QByteArray response = "HTTP/1.0 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    if (!location.isEmpty())
        response += "Location: " + location + "\r\n";
    if (body.startsWith('{'))
        response += "Content-Type: application/json\r\n";
    response += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return response;
}

} // namespace

class TestClientRedirects : public QObject
{
    Q_OBJECT

private:
    // Lists /data on `service` through `client`: false when that worked, else its error.
    static bool listFails(FilesClient &client, StaticHttpServer &service, ApiError *error)
    {
        client.setEndpoint(service.url(QString()));
        client.setCredentials(
            *Credentials::fromKey(QStringLiteral("id:Secret"), QStringLiteral("test")));
        ListJob job(&client, RemotePath());
        if (ClientFixture::run(&job, 20'000))
            return false;
        *error = job.error();
        return job.isFinished();
    }

private Q_SLOTS:
    void reportedNotFollowed_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("reason");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("says");

        QTest::newRow("301") << 301 << QByteArray("Moved Permanently") << QByteArray()
                             << "301 Moved Permanently";
        QTest::newRow("301 html") << 301 << QByteArray("Moved Permanently")
                                  << QByteArray("<html><body>Moved</body></html>")
                                  << "301 Moved Permanently";
        QTest::newRow("302") << 302 << QByteArray("Found") << QByteArray() << "302 Found";
        QTest::newRow("302 text") << 302 << QByteArray("Found") << QByteArray("Go over there")
                                  << "Go over there";
        QTest::newRow("307") << 307 << QByteArray("Temporary Redirect") << QByteArray()
                             << "307 Temporary Redirect";
        QTest::newRow("307 json") << 307 << QByteArray("Temporary Redirect")
                                  << QByteArray(R"({"detail":"use the other region"})")
                                  << "use the other region";
    }

    void reportedNotFollowed()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, reason);
        QFETCH(QByteArray, body);
        QFETCH(QString, says);
        StaticHttpServer service;
        StaticHttpServer elsewhere; // another host name: localhost, not 127.0.0.1
        const QByteArray to = QByteArray("http://localhost:")
            + QByteArray::number(elsewhere.serverPort()) + "/files/list";
        elsewhere.serve(QStringLiteral("/files/list"), "[]");
        service.serveRaw(QStringLiteral("/files/list"), answer(status, reason, to, body));

        FilesClient client;
        ApiError error;
        QVERIFY(listFails(client, service, &error));
        const QString message = error.message();
        QCOMPARE(error.httpStatus, status);
        QVERIFY2(!error.isTransient(), qPrintable(message));
        QVERIFY2(message.contains(QString::number(status)), qPrintable(message));
        QVERIFY2(message.contains(QString::fromLatin1(to)), qPrintable(message));
        QVERIFY2(message.contains(says), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("does not follow")), qPrintable(message));
        QCOMPARE(service.requests().size(), 1);
        QVERIFY(service.requests().first().contains("Authorization: Key id:Secret"));
        QVERIFY(elsewhere.requests().isEmpty()); // neither the key nor anything else went there
    }

    void withoutLocation()
    {
        StaticHttpServer service;
        service.serveRaw(QStringLiteral("/files/list"), answer(302, "Found", {}, {}));
        FilesClient client;
        ApiError error;
        QVERIFY(listFails(client, service, &error));
        const QString message = error.message();
        QVERIFY2(message.contains(QStringLiteral("302 Found without saying where to go")),
                 qPrintable(message));
    }

    // A manager shared with code that follows redirects (Qt 6's default) must not make the
    // client's requests follow them: the policy is set on each request, not only the manager.
    void sharedManagerThatFollowsRedirects()
    {
        StaticHttpServer service;
        StaticHttpServer elsewhere;
        elsewhere.serve(QStringLiteral("/files/list"), "[]");
        service.serveRaw(QStringLiteral("/files/list"),
                         answer(307, "Temporary Redirect",
                                elsewhere.url(QStringLiteral("/files/list")).toEncoded(), {}));
        QNetworkAccessManager shared;
        FilesClient client(&shared);
        shared.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
        ApiError error;
        QVERIFY(listFails(client, service, &error));
        QCOMPARE(error.httpStatus, 307);
        QVERIFY(elsewhere.requests().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestClientRedirects)
#include "tst_client_redirects.moc"
