// FakeNetworkAccessManager itself: the fake-network tests are only as good as the network they
// fake. Answers come on the event loop and in the order Qt's own replies give them; uploads are
// read; failures below HTTP, cut bodies, silence, held answers and abort behave as with a socket.
#include "tests/support/FakeNetworkAccessManager.h"
#include "tests/support/FakeReply.h"

#include <QHttpMultiPart>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

namespace {
QNetworkRequest requestFor(const QString &path)
{
    return QNetworkRequest(QUrl(QStringLiteral("https://files.fake.invalid") + path));
}
} // namespace

class TestFakeNetwork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersOnTheEventLoopInChunks()
    {
        const QByteArray body(3 * FakeReply::kChunkBytes + 5, 'x');
        FakeNetworkAccessManager network([&](const FakeRequest &) {
            FakeResponse response;
            response.body = body;
            return response.withHeader("ETag", "\"v1\"");
        });
        QNetworkReply *reply = network.get(requestFor(QStringLiteral("/a")));
        QStringList events;
        connect(reply, &QNetworkReply::metaDataChanged, this, [&] { events << "meta"; });
        connect(reply, &QNetworkReply::readyRead, this, [&] { events << "read"; });
        connect(reply, &QNetworkReply::finished, this, [&] { events << "finished"; });
        QVERIFY2(events.isEmpty(), "nothing happens inside the call that sent the request");
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(events.first(), QStringLiteral("meta"));
        QCOMPARE(events.count(QStringLiteral("read")), 4); // a body arrives over several turns
        QCOMPARE(events.last(), QStringLiteral("finished"));
        QCOMPARE(events.count(QStringLiteral("finished")), 1);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->rawHeader("ETag"), QByteArray("\"v1\""));
        QCOMPARE(reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(), body.size());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), body);
        QCOMPARE(network.requests().size(), 1);
        QCOMPARE(network.requests().first().method, QByteArray("GET"));
        QVERIFY(network.openRequests().isEmpty());
        delete reply;
    }

    void recordsUploadsFromBuffersAndForms()
    {
        FakeNetworkAccessManager network([](const FakeRequest &) { return FakeResponse(); });
        QNetworkRequest post = requestFor(QStringLiteral("/p"));
        post.setRawHeader("X-Test", "1");
        QNetworkReply *posted = network.post(post, QByteArray("{\"a\":1}"));
        auto *form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        QHttpPart part;
        part.setHeader(QNetworkRequest::ContentDispositionHeader,
                       QByteArrayLiteral("form-data; name=\"file_upload\""));
        part.setBody("part bytes");
        form->append(part);
        QNetworkReply *put = network.put(requestFor(QStringLiteral("/q")), form);
        form->setParent(put);
        QSignalSpy progress(put, &QNetworkReply::uploadProgress);
        QSignalSpy finished(put, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(network.requests().size(), 2);
        const FakeRequest first = network.requests().at(0);
        QCOMPARE(first.method, QByteArray("POST"));
        QCOMPARE(first.json().value(QLatin1String("a")).toInt(), 1);
        QCOMPARE(first.header("X-Test"), QByteArray("1"));
        const FakeRequest second = network.requests().at(1);
        QCOMPARE(second.method, QByteArray("PUT"));
        QVERIFY(second.body.contains("part bytes"));
        QVERIFY(second.header("Content-Type").startsWith("multipart/form-data; boundary="));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), second.body.size());
        delete posted;
        delete put;
    }

    void failuresBelowHttpHaveNoStatus()
    {
        FakeNetworkAccessManager network(
            [](const FakeRequest &) { return FakeResponse::refused(); });
        QNetworkReply *reply = network.get(requestFor(QStringLiteral("/a")));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::ConnectionRefusedError);
        QVERIFY(!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid());
        delete reply;
    }

    void httpErrorsSetQtsErrorAndKeepTheBody()
    {
        FakeNetworkAccessManager network([](const FakeRequest &) {
            return FakeResponse::httpError(404, QStringLiteral("gone"));
        });
        QNetworkReply *reply = network.get(requestFor(QStringLiteral("/a")));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::ContentNotFoundError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        QVERIFY(reply->readAll().contains("gone"));
        delete reply;
    }

    void aCutBodyEndsWithRemoteHostClosed()
    {
        FakeNetworkAccessManager network([](const FakeRequest &) {
            FakeResponse response;
            response.body = QByteArray(1000, 'y');
            return response.cutAfterBytes(300);
        });
        QNetworkReply *reply = network.get(requestFor(QStringLiteral("/a")));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
        QCOMPARE(reply->readAll().size(), 300);
        delete reply;
    }

    void silenceEndsAtTheTransferTimeout()
    {
        FakeNetworkAccessManager network(
            [](const FakeRequest &) { return FakeResponse::hanging(); });
        QNetworkRequest request = requestFor(QStringLiteral("/a"));
        request.setTransferTimeout(20);
        QNetworkReply *reply = network.get(request);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        delete reply;
    }

    void heldAnswersWaitForRelease()
    {
        FakeNetworkAccessManager network([](const FakeRequest &) {
            return FakeResponse::json(QByteArray("true")).heldUntilReleased();
        });
        QNetworkReply *first = network.get(requestFor(QStringLiteral("/1")));
        QNetworkReply *second = network.get(requestFor(QStringLiteral("/2")));
        QSignalSpy firstDone(first, &QNetworkReply::finished);
        QSignalSpy secondDone(second, &QNetworkReply::finished);
        QCOMPARE(network.heldCount(), 2);
        QCOMPARE(network.openRequests().size(), 2);
        QCOMPARE(network.release(1), 1); // the oldest
        QVERIFY(firstDone.wait(5000));
        QVERIFY(secondDone.isEmpty());
        QCOMPARE(network.heldCount(), 1);
        QCOMPARE(network.openRequests().size(), 1);
        QCOMPARE(network.openRequests().first().path(), QStringLiteral("/2"));
        QCOMPARE(network.release(), 1);
        QVERIFY(secondDone.wait(5000));
        QCOMPARE(second->readAll(), QByteArray("true"));
        delete first;
        delete second;
    }

    void abortFinishesAtOnce()
    {
        FakeNetworkAccessManager network(
            [](const FakeRequest &) { return FakeResponse::hanging(); });
        QNetworkReply *reply = network.get(requestFor(QStringLiteral("/a")));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        reply->abort();
        QCOMPARE(finished.size(), 1); // synchronously, as QNetworkReplyHttpImpl
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QVERIFY(network.openRequests().isEmpty());
        delete reply;
    }
};

QTEST_GUILESS_MAIN(TestFakeNetwork)
#include "tst_fake_network.moc"
