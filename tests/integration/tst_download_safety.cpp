// What a server (or a planted file) cannot make a download do: collide with another file of the
// same folder, write through a link, replace anything but a plain file, grow past the size that
// was promised, leave empty temporary files behind; and what a listing cannot make the client
// do: fail whole for one bad name, fill memory, or walk without end.
#include "network/api/DownloadJob.h"
#include "network/api/ListJob.h"
#include "network/api/RemoteWalker.h"
#include "network/transfer/TransferEngine.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/ScriptedHttpServer.h"

#include <QDir>
#include <QTest>

#include <unistd.h>

namespace {
using State = TransferItem::State;

QStringList entriesOf(const QString &folder)
{
    QStringList all = QDir(folder).entryList(QDir::AllEntries | QDir::Hidden | QDir::System
                                             | QDir::NoDotAndDotDot);
    all.sort();
    return all;
}
} // namespace

class TestDownloadSafety : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;

    void put(const QString &relative, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(f->data(relative)).absolutePath());
        QFile file(f->data(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    static QByteArray read(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }
    std::unique_ptr<FilesClient> clientFor(const QUrl &url)
    {
        auto client = std::make_unique<FilesClient>();
        client->setEndpoint(url);
        client->setCredentials(
            *Credentials::fromKey(QStringLiteral("id:secret"), QStringLiteral("test")));
        client->setRetryPolicy(f->client()->retryPolicy());
        return client;
    }
    static RemotePath p(const QString &text) { return *RemotePath::parse(text); }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
    }
    void cleanup() { f.reset(); }

    // "x" and "x.falpart" side by side: the temporary file of one was the other's name.
    void aNameLikeATemporaryFileDownloadsFine()
    {
        put(QStringLiteral("d/x"), QByteArray(300'000, 'x'));
        put(QStringLiteral("d/x.falpart"), QByteArray(200'000, 'p'));
        const FileSpec folder = FileSpec::folder(p(QStringLiteral("d")));
        TransferEngine engine(f->client(), nullptr);
        const QString local = f->scratch(QStringLiteral("out"));
        const qint64 batch = engine.download({folder}, local);
        QVERIFY(ClientFixture::waitUntil([&] { return engine.isBatchFinished(batch); }));
        for (const qint64 id : engine.batchItems(batch))
            QVERIFY2(engine.item(id)->state == State::Done, qPrintable(engine.item(id)->error));
        QCOMPARE(read(local + QStringLiteral("/d/x")), QByteArray(300'000, 'x'));
        QCOMPARE(read(local + QStringLiteral("/d/x.falpart")), QByteArray(200'000, 'p'));
        QCOMPARE(entriesOf(local + QStringLiteral("/d")),
                 QStringList({QStringLiteral("x"), QStringLiteral("x.falpart")}));
    }

    void theTemporaryNameIsShortAndNoRemoteName()
    {
        const QString longName = QString(250, QChar(u'é')).left(120); // 240 bytes of UTF-8
        const QString temp = DownloadJob::tempPathFor(QStringLiteral("/tmp/") + longName);
        const QString name = QFileInfo(temp).fileName();
        QVERIFY(name.toUtf8().size() <= 255);
        QVERIFY(!RemotePath::isValidName(name)); // a listing can never hold it
        QVERIFY(name.startsWith(QLatin1Char('.')));
        QVERIFY(DownloadJob::tempPathFor(QStringLiteral("/tmp/a"))
                != DownloadJob::tempPathFor(QStringLiteral("/tmp/b")));
    }

    // A symbolic link planted where the temporary file goes: nothing is written through it.
    void aLinkAtTheTemporaryNameIsNotFollowed()
    {
        put(QStringLiteral("w.bin"), QByteArray(5000, 'w'));
        const QString victim = f->scratch(QStringLiteral("victim"));
        QFile v(victim);
        QVERIFY(v.open(QIODevice::WriteOnly));
        v.write("precious");
        v.close();
        const QString target = f->scratch(QStringLiteral("w.bin"));
        QVERIFY(QFile::link(victim, DownloadJob::tempPathFor(target)));
        DownloadJob job(f->client(), p(QStringLiteral("w.bin")), target);
        QVERIFY(!ClientFixture::run(&job));
        QCOMPARE(job.error().kind, ApiError::Kind::Local);
        QVERIFY2(job.error().message().contains(QStringLiteral("symbolic link")),
                 qPrintable(job.error().message()));
        QCOMPARE(read(victim), QByteArray("precious"));
        QVERIFY(!QFileInfo::exists(target));

        // A hard link to a file elsewhere is refused too.
        QVERIFY(QFile::remove(DownloadJob::tempPathFor(target)));
        QCOMPARE(::link(QFile::encodeName(victim).constData(),
                        QFile::encodeName(DownloadJob::tempPathFor(target)).constData()),
                 0);
        DownloadJob again(f->client(), p(QStringLiteral("w.bin")), target);
        QVERIFY(!ClientFixture::run(&again));
        QCOMPARE(read(victim), QByteArray("precious"));
    }

    // The final rename replaces a plain file or nothing: a link at the target stays a link.
    void onlyAPlainFileIsReplaced()
    {
        put(QStringLiteral("w.bin"), QByteArray(5000, 'w'));
        const QString victim = f->scratch(QStringLiteral("victim2"));
        QFile v(victim);
        QVERIFY(v.open(QIODevice::WriteOnly));
        v.write("precious");
        v.close();
        const QString target = f->scratch(QStringLiteral("linked.bin"));
        QVERIFY(QFile::link(victim, target));
        DownloadJob job(f->client(), p(QStringLiteral("w.bin")), target);
        QVERIFY(!ClientFixture::run(&job));
        QCOMPARE(job.error().kind, ApiError::Kind::Local);
        QVERIFY(QFileInfo(target).isSymLink());
        QCOMPARE(read(victim), QByteArray("precious"));
    }

    // A failed start (the file is gone) leaves no empty temporary file behind.
    void aFailedStartLeavesNothing()
    {
        const QString folder = f->scratch(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(folder));
        DownloadJob job(f->client(), p(QStringLiteral("no/such.bin")),
                        folder + QStringLiteral("/such.bin"));
        QVERIFY(!ClientFixture::run(&job));
        QCOMPARE(job.error().kind, ApiError::Kind::NotFound);
        QCOMPARE(entriesOf(folder), QStringList());
    }

    // More bytes than promised: stopped, and nothing kept, with and without a Content-Length.
    void aDownloadPastItsSizeIsStopped_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("announced")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 50000\r\nConnection: close\r\n\r\n");
        QTest::newRow("unannounced") << QByteArray("HTTP/1.0 200 OK\r\n\r\n");
    }
    void aDownloadPastItsSizeIsStopped()
    {
        QFETCH(QByteArray, head);
        ScriptedHttpServer greedy([&](const ScriptedHttpServer::Request &) {
            return std::optional<QByteArray>(head + QByteArray(50'000, 'g'));
        });
        auto client = clientFor(greedy.url());
        const QString folder = f->scratch(QStringLiteral("greedy"));
        QVERIFY(QDir().mkpath(folder));
        DownloadJob job(client.get(), p(QStringLiteral("small.bin")),
                        folder + QStringLiteral("/small.bin"));
        job.setExpectedSize(1000); // what the listing said
        QVERIFY(!ClientFixture::run(&job));
        QCOMPARE(job.error().kind, ApiError::Kind::Integrity);
        QCOMPARE(entriesOf(folder), QStringList());
        QCOMPARE(greedy.requests(), 1); // not retried
    }

    // One impossible name in a listing costs that entry, said; the rest is shown.
    void oneBadNameIsLeftOutAndSaid()
    {
        ScriptedHttpServer lister([](const ScriptedHttpServer::Request &) {
            const QByteArray body
                = "[{\"path\":\"/data/d/a\",\"name\":\"a\",\"is_file\":true,\"size\":1},"
                  "{\"path\":\"/data/d/b\\u001b[2J\",\"is_file\":true,\"size\":1},"
                  "{\"path\":\"/data/elsewhere\",\"is_file\":true,\"size\":1},"
                  "{\"path\":\"/data/d/a\",\"is_file\":true,\"size\":2},"
                  "{\"path\":\"/data/d/c\",\"is_file\":false,\"size\":1e300},"
                  "{\"path\":\"/data/d/e\",\"is_file\":false}]";
            return std::optional<QByteArray>(ScriptedHttpServer::response(200, "OK", body));
        });
        auto client = clientFor(lister.url());
        ListJob job(client.get(), p(QStringLiteral("d")));
        QVERIFY2(ClientFixture::run(&job), qPrintable(job.error().message()));
        QStringList names;
        for (const FileSpec &spec : job.entries())
            names << spec.name;
        QCOMPARE(names, QStringList({QStringLiteral("a"), QStringLiteral("e")}));
        QCOMPARE(job.skipped().size(), 4);
    }

    void aHugeListingIsRefusedAsItArrives()
    {
        ScriptedHttpServer huge([](const ScriptedHttpServer::Request &) {
            return std::optional<QByteArray>(
                "HTTP/1.1 200 OK\r\nContent-Length: 900000000\r\nConnection: close\r\n\r\n["
                + QByteArray(1'000'000, ' '));
        });
        auto client = clientFor(huge.url());
        ListJob job(client.get(), p(QStringLiteral("d")));
        QVERIFY(!ClientFixture::run(&job));
        QCOMPARE(job.error().kind, ApiError::Kind::Protocol);
        QVERIFY2(job.error().message().contains(QStringLiteral("larger than")),
                 qPrintable(job.error().message()));
    }

    // Every folder holds a folder: the walk stops at its depth with a clear error.
    void aWalkWithoutEndStops()
    {
        ScriptedHttpServer deep([](const ScriptedHttpServer::Request &request) {
            QByteArray folder = QByteArray::fromPercentEncoding(request.target);
            folder = folder.mid(folder.indexOf("/files/list/") + 12);
            const QByteArray body
                = "[{\"path\":\"/data/" + folder + "/d\",\"is_file\":false,\"size\":0}]";
            return std::optional<QByteArray>(ScriptedHttpServer::response(200, "OK", body));
        });
        auto client = clientFor(deep.url());
        RemoteWalker walker(client.get(), p(QStringLiteral("top")));
        QSignalSpy done(&walker, &RemoteWalker::finished);
        walker.start();
        QVERIFY(done.wait(60'000));
        QVERIFY(!walker.succeeded());
        QVERIFY2(walker.error().message().contains(QStringLiteral("folders deep")),
                 qPrintable(walker.error().message()));
        QCOMPARE(deep.requests(), RemoteWalker::kMaxDepth);
    }
};

QTEST_GUILESS_MAIN(TestDownloadSafety)
#include "tst_download_safety.moc"
