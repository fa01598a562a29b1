// The Platform API v1 surface on the client side (network/api/ApiSurface.h): which endpoint
// names it, which routes it turns into, what it lacks, and the stat it answers from a listing.
#include "network/api/ApiSurface.h"
#include "network/api/StatJob.h"
#include "tests/support/FakeClientFixture.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

class TestPlatformSurface : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endpointNamesTheSurface()
    {
        QVERIFY(
            ApiSurface::forEndpoint(QUrl(QStringLiteral("https://api.fal.ai/v1"))).isPlatform());
        QVERIFY(ApiSurface::forEndpoint(QUrl(QStringLiteral("http://127.0.0.1:8080/v1/")))
                    .isPlatform());
        QVERIFY(!ApiSurface::forEndpoint(QUrl(QStringLiteral("https://rest.alpha.fal.ai")))
                     .isPlatform());
        QVERIFY(!ApiSurface::forEndpoint(QUrl(QStringLiteral("https://proxy.example/v10")))
                     .isPlatform());
        ApiSurface named;
        QVERIFY(ApiSurface::fromName(QStringLiteral("platform"), &named));
        QVERIFY(named.isPlatform());
        QVERIFY(!ApiSurface::fromName(QStringLiteral("graphql"), &named));
    }

    void lacksWhatV1Lacks()
    {
        const ApiSurface v1(ApiSurface::Kind::Platform);
        using Op = ApiSurface::Operation;
        for (Op op : {Op::List, Op::Download, Op::Upload, Op::UrlImport, Op::Stat})
            QVERIFY(v1.supports(op) && v1.whyNot(op).isEmpty());
        for (Op op : {Op::Checksum, Op::Rename, Op::Delete, Op::Multipart, Op::FolderHash}) {
            QVERIFY(!v1.supports(op));
            QVERIFY(v1.whyNot(op).contains(QStringLiteral("Platform API v1")));
        }
        const ApiSurface rest;
        QVERIFY(rest.supports(Op::Rename) && rest.supports(Op::Multipart));
    }

    void routesGoUnderServerless()
    {
        FilesClient client;
        QVERIFY(client.setEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9/v1"))));
        QVERIFY(client.surface().isPlatform());
        const RemotePath path = *RemotePath::parse(QStringLiteral("models/a b.bin"));
        QCOMPARE(
            client.request(QStringLiteral("/files/file"), path).url().toString(QUrl::FullyEncoded),
            QStringLiteral("http://127.0.0.1:9/v1/serverless/files/file/models/a%20b.bin"));
        QVERIFY(client.setEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9"))));
        QCOMPARE(client.request(QStringLiteral("/files/list"), path.parent()).url().toString(),
                 QStringLiteral("http://127.0.0.1:9/files/list/models"));
        client.setSurface(ApiSurface(ApiSurface::Kind::Platform)); // --api platform
        QVERIFY(client.setEndpoint(QUrl(QStringLiteral("http://127.0.0.1:9/proxy"))));
        QCOMPARE(client.request(QStringLiteral("/files/list"), path.parent()).url().toString(),
                 QStringLiteral("http://127.0.0.1:9/proxy/serverless/files/list/models"));
    }

    void statIsAnsweredFromTheListing()
    {
        FakeClientFixture f;
        QVERIFY(f.client()->setEndpoint(QUrl(QStringLiteral("https://files.fake.invalid/v1"))));
        QStringList asked;
        f.service().setIntercept([&](const FakeRequest &request) -> std::optional<FakeResponse> {
            asked << QString::fromLatin1(request.method) + QLatin1Char(' ') + request.path();
            return FakeResponse::json(QJsonArray {QJsonObject {
                {QStringLiteral("path"), QStringLiteral("/data/models/a.bin")},
                {QStringLiteral("name"), QStringLiteral("a.bin")},
                {QStringLiteral("is_file"), true},
                {QStringLiteral("size"), 42},
                {QStringLiteral("created_time"), QStringLiteral("2026-12-03T06:39:51.250Z")},
                {QStringLiteral("updated_time"), QStringLiteral("2026-12-03T06:39:51.250Z")}}});
        });
        StatJob found(f.client(), *RemotePath::parse(QStringLiteral("models/a.bin")));
        QVERIFY(FakeClientFixture::run(&found));
        QVERIFY2(found.succeeded(), qPrintable(found.error().message()));
        QCOMPARE(found.spec().size, 42);
        QCOMPARE(found.spec().updated.toMSecsSinceEpoch() % 1000, 250);
        QCOMPARE(asked, QStringList {QStringLiteral("GET /v1/serverless/files/list/models")});

        StatJob missing(f.client(), *RemotePath::parse(QStringLiteral("models/b.bin")));
        QVERIFY(FakeClientFixture::run(&missing));
        QCOMPARE(missing.error().kind, ApiError::Kind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestPlatformSurface)
#include "tst_platform_surface.moc"
