// Every endpoint of the fal files API, driven through the client's job objects against the
// in-process emulator.
#include "network/api/DeleteJob.h"
#include "network/api/DirHashJob.h"
#include "network/api/DownloadJob.h"
#include "network/api/ListJob.h"
#include "network/api/RenameJob.h"
#include "network/api/SimpleUploadJob.h"
#include "network/api/StatJob.h"
#include "network/api/UrlImportJob.h"
#include "network/io/FileHasher.h"
#include "network/io/ZipWriter.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/StaticHttpServer.h"

#include <QDir>
#include <QSemaphore>
#include <QTest>
#include <QThreadPool>

class TestClientApi : public QObject
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
    static RemotePath p(const QString &text) { return *RemotePath::parse(text); }

private Q_SLOTS:
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
    }
    void cleanup() { f.reset(); }

    void listRootAndFolders()
    {
        put(QStringLiteral("models/a.bin"), "aaaa");
        put(QStringLiteral("models/sub/b.bin"), "b");
        put(QStringLiteral("top.txt"), "hello");
        ListJob root(f->client(), RemotePath());
        QVERIFY(f->run(&root));
        QStringList names;
        for (const FileSpec &spec : root.entries())
            names << spec.name + (spec.isDir() ? QStringLiteral("/") : QString());
        names.sort();
        QCOMPARE(names, (QStringList {QStringLiteral("models/"), QStringLiteral("top.txt")}));

        ListJob models(f->client(), p(QStringLiteral("/data/models")));
        QVERIFY(f->run(&models));
        QCOMPARE(models.entries().size(), 2);
        for (const FileSpec &spec : models.entries()) {
            QCOMPARE(spec.path.parent(), p(QStringLiteral("models")));
            if (spec.name == QLatin1String("a.bin")) {
                QVERIFY(spec.isFile);
                QCOMPARE(spec.size, 4);
                QVERIFY(spec.updated.isValid());
                QCOMPARE(spec.path.absolute(), QStringLiteral("/data/models/a.bin"));
            }
        }
    }

    // The engine's client parses on its own pool (TransferWorkers), apart from the UI's: a
    // listing must wait for the pool its client names, not run on Qt's global one.
    void listingParsesOnTheClientsPool()
    {
        put(QStringLiteral("pool/a.bin"), "a");
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore release;
        pool.start([&release] { release.acquire(); }); // the pool's one thread is busy
        f->client()->setWorkerPool(&pool);
        ListJob job(f->client(), p(QStringLiteral("pool")));
        job.setAutoDelete(false);
        QSignalSpy finished(&job, &ApiJob::finished);
        job.start();
        QVERIFY(!finished.wait(500)); // the answer is in, its parse waits for the pool
        release.release();
        QVERIFY(finished.wait(10'000));
        QVERIFY(job.succeeded());
        QCOMPARE(job.entries().size(), 1);
        f->client()->setWorkerPool(nullptr);
    }

    void listMissingFolderIsEmpty()
    {
        ListJob job(f->client(), p(QStringLiteral("no/such/folder")));
        QVERIFY(f->run(&job));
        QVERIFY(job.entries().isEmpty());
    }

    void statFileFolderMissingAndChecksum()
    {
        put(QStringLiteral("d/abc.txt"), "abc");
        StatJob file(f->client(), p(QStringLiteral("d/abc.txt")), true);
        QVERIFY(f->run(&file));
        QCOMPARE(file.spec().size, 3);
        QCOMPARE(
            file.spec().checksumSha256,
            QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        QCOMPARE(file.spec().checksumMd5, QStringLiteral("900150983cd24fb0d6963f7d28e17f72"));

        StatJob folder(f->client(), p(QStringLiteral("d")));
        QVERIFY(f->run(&folder));
        QVERIFY(folder.spec().isDir());

        StatJob missing(f->client(), p(QStringLiteral("d/none")));
        QVERIFY(!f->run(&missing));
        QCOMPARE(missing.error().kind, ApiError::Kind::NotFound);
    }

    void uploadSmallOverwriteAndDownload()
    {
        const QString local = f->scratch(QStringLiteral("small.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 300'000, 7));
        SimpleUploadJob upload(f->client(), local, p(QStringLiteral("up/small.bin")), 300'000);
        QVERIFY(f->run(&upload));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("up/small.bin"))),
                 ClientFixture::sha256(local));

        // Onto an existing path: the server overwrites (the engine asks the user first).
        QVERIFY(ClientFixture::writeRandomFile(local, 1000, 8));
        SimpleUploadJob again(f->client(), local, p(QStringLiteral("up/small.bin")), 1000);
        QVERIFY(f->run(&again));
        QCOMPARE(QFileInfo(f->data(QStringLiteral("up/small.bin"))).size(), 1000);

        const QString target = f->scratch(QStringLiteral("back.bin"));
        DownloadJob download(f->client(), p(QStringLiteral("up/small.bin")), target);
        QVERIFY(f->run(&download));
        QCOMPARE(ClientFixture::sha256(target), ClientFixture::sha256(local));
        QVERIFY(!QFile::exists(download.tempPath()));
    }

    void uploadChangedFileIsRefused()
    {
        const QString local = f->scratch(QStringLiteral("c.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 100));
        SimpleUploadJob upload(f->client(), local, p(QStringLiteral("c.bin")), 99);
        QVERIFY(!f->run(&upload));
        QCOMPARE(upload.error().kind, ApiError::Kind::Changed);
        QVERIFY(!QFile::exists(f->data(QStringLiteral("c.bin"))));
    }

    void unreadableLocalFileIsAClearError()
    {
        SimpleUploadJob upload(f->client(), f->scratch(QStringLiteral("missing.bin")),
                               p(QStringLiteral("m.bin")));
        QVERIFY(!f->run(&upload));
        QCOMPARE(upload.error().kind, ApiError::Kind::Local);
        QVERIFY(upload.error().message().contains(QStringLiteral("missing.bin")));
    }

    void newFolderThroughZipDirectoryEntry()
    {
        const QByteArray zip = ZipWriter::directories({QStringLiteral("fresh")});
        QVERIFY(!zip.isEmpty());
        SimpleUploadJob job(f->client(), zip, QStringLiteral("folder.zip"),
                            p(QStringLiteral("parent")));
        job.setUnzip(true);
        QVERIFY(f->run(&job));
        QVERIFY(QFileInfo(f->data(QStringLiteral("parent/fresh"))).isDir());
        StatJob stat(f->client(), p(QStringLiteral("parent/fresh")));
        QVERIFY(f->run(&stat));
        QVERIFY(stat.spec().isDir());
    }

    void renameFileAndFolderAndConflict()
    {
        put(QStringLiteral("r/a.txt"), "a");
        put(QStringLiteral("r/b.txt"), "b");
        RenameJob file(f->client(), p(QStringLiteral("r/a.txt")),
                       p(QStringLiteral("r/moved/a2.txt")));
        QVERIFY(f->run(&file));
        QVERIFY(QFile::exists(f->data(QStringLiteral("r/moved/a2.txt"))));
        QVERIFY(!QFile::exists(f->data(QStringLiteral("r/a.txt"))));

        RenameJob conflict(f->client(), p(QStringLiteral("r/b.txt")),
                           p(QStringLiteral("r/moved/a2.txt")));
        QVERIFY(!f->run(&conflict));
        QCOMPARE(conflict.error().kind, ApiError::Kind::Conflict);
        QVERIFY(QFile::exists(f->data(QStringLiteral("r/b.txt"))));

        RenameJob folder(f->client(), p(QStringLiteral("r/moved")), p(QStringLiteral("elsewhere")));
        QVERIFY(f->run(&folder));
        QVERIFY(QFile::exists(f->data(QStringLiteral("elsewhere/a2.txt"))));

        RenameJob intoItself(f->client(), p(QStringLiteral("elsewhere")),
                             p(QStringLiteral("elsewhere/inner")));
        QVERIFY(!f->run(&intoItself));
    }

    void deleteFileAndFolderRecursively()
    {
        put(QStringLiteral("del/x/y/z.bin"), "z");
        put(QStringLiteral("del/keep.bin"), "k");
        DeleteJob folder(f->client(), p(QStringLiteral("del/x")));
        QVERIFY(f->run(&folder));
        QVERIFY(!QFileInfo::exists(f->data(QStringLiteral("del/x"))));
        QVERIFY(QFileInfo::exists(f->data(QStringLiteral("del/keep.bin"))));
        DeleteJob missing(f->client(), p(QStringLiteral("del/none")));
        QVERIFY(!f->run(&missing));
        QCOMPARE(missing.error().kind, ApiError::Kind::NotFound);
        DeleteJob root(f->client(), RemotePath());
        QVERIFY(!f->run(&root));
        QVERIFY(QFileInfo::exists(f->data(QStringLiteral("del/keep.bin"))));
    }

    void importFromUrl()
    {
        StaticHttpServer source;
        const QByteArray body = QByteArray(100'000, 'w');
        source.serve(QStringLiteral("/weights.bin"), body);
        UrlImportJob job(f->client(), source.url(QStringLiteral("/weights.bin")),
                         p(QStringLiteral("imports/w.bin")));
        QVERIFY(f->run(&job));
        QFile stored(f->data(QStringLiteral("imports/w.bin")));
        QVERIFY(stored.open(QIODevice::ReadOnly));
        QCOMPARE(stored.readAll(), body);

        UrlImportJob missing(f->client(), source.url(QStringLiteral("/nothing")),
                             p(QStringLiteral("imports/n.bin")));
        QVERIFY(!f->run(&missing));
        QVERIFY2(!missing.error().detail.isEmpty(), "the server's detail reaches the user");
        QVERIFY(!QFile::exists(f->data(QStringLiteral("imports/n.bin"))));

        QString why;
        QVERIFY(!UrlImportJob::isImportableUrl(QUrl(QStringLiteral("file:///etc/passwd")), &why));
        QVERIFY(!why.isEmpty());
    }

    void dirHashMatchesTheSameContent()
    {
        // The same tree locally and on the server.
        for (const QString &relative :
             {QStringLiteral("b.txt"), QStringLiteral("a.txt"), QStringLiteral("sub/c.bin"),
              QStringLiteral("sub/deeper/d.bin")}) {
            put(QStringLiteral("synced/") + relative, relative.toUtf8().repeated(100));
            const QString local = f->scratch(QStringLiteral("synced/") + relative);
            QDir().mkpath(QFileInfo(local).absolutePath());
            QFile file(local);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(relative.toUtf8().repeated(100));
        }
        const FileHasher::Result hash
            = FileHasher::hashFolder(f->scratch(QStringLiteral("synced")));
        QVERIFY(hash.error.isEmpty());
        DirHashJob same(f->client(), p(QStringLiteral("synced")), hash.hex);
        QVERIFY2(f->run(&same), qPrintable(same.error().message()));
        QVERIFY(same.matches());
        put(QStringLiteral("synced/sub/c.bin"), "changed");
        DirHashJob changed(f->client(), p(QStringLiteral("synced")), hash.hex);
        QVERIFY(f->run(&changed));
        QVERIFY(!changed.matches());
    }

    void wrongAndMissingKey()
    {
        f->client()->setCredentials(
            *Credentials::fromKey(QStringLiteral("someone:wrong"), QStringLiteral("test")));
        ListJob wrong(f->client(), RemotePath());
        QVERIFY(!f->run(&wrong));
        QCOMPARE(wrong.error().kind, ApiError::Kind::Forbidden);
        QCOMPARE(wrong.attempts(), 1); // a 4xx is never retried
        QVERIFY(wrong.error().message().contains(QStringLiteral("key")));

        f->client()->setCredentials(Credentials());
        ListJob none(f->client(), RemotePath());
        QVERIFY(!f->run(&none));
        QCOMPARE(none.error().kind, ApiError::Kind::Unauthorized);
    }

    void retriesAfter429And5xx()
    {
        put(QStringLiteral("flaky/file.txt"), "x");
        fal::emulator::FaultOptions faults;
        faults.rateLimitRate = 0.3;
        faults.errorRate = 0.3;
        faults.retryAfterSeconds = 0;
        faults.seed = 42;
        f->server().setFaults(faults);
        int retried = 0;
        for (int i = 0; i < 10; ++i) {
            ListJob job(f->client(), p(QStringLiteral("flaky")));
            QVERIFY2(f->run(&job), qPrintable(job.error().message()));
            QCOMPARE(job.entries().size(), 1);
            retried += job.attempts() - 1;
        }
        QVERIFY2(retried > 0, "the faults were injected and retried");
        int statuses429 = 0;
        int statuses503 = 0;
        for (const auto &entry : f->server().requestLog()) {
            statuses429 += entry.status == 429;
            statuses503 += entry.status == 503;
        }
        QVERIFY(statuses429 > 0);
        QVERIFY(statuses503 > 0);
    }

    void hostilePathsNeverLeaveData()
    {
        QVERIFY(!RemotePath::parse(QStringLiteral("../etc/passwd")));
        QVERIFY(!RemotePath::parse(QStringLiteral("/data/../etc")));
        QVERIFY(!RemotePath::parse(QStringLiteral("/etc/passwd")));
        // A name with characters that mean something in URLs is sent encoded and stays one name.
        put(QStringLiteral("odd/a #?%.txt"), "odd");
        StatJob stat(f->client(), p(QStringLiteral("odd/a #?%.txt")));
        QVERIFY2(f->run(&stat), qPrintable(stat.error().message()));
        QCOMPARE(stat.spec().name, QStringLiteral("a #?%.txt"));
    }
};

QTEST_GUILESS_MAIN(TestClientApi)
#include "tst_client_api.moc"
