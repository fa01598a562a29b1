// fal-files-cli over fal's Platform API v1 (an endpoint ending in /v1, or --api platform) against
// the emulator's /v1/serverless/files surface: list, download, upload and import-url work; what
// v1 lacks (mv, rm, --checksum) is refused with exit 2 and the reason, before any request.
#include "tests/support/CliRunner.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/StaticHttpServer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestCliPlatform : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<CliRunner> cli;
    QTemporaryDir m_local;

    void writeFile(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }
    QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    // Paths the emulator was asked for since the last call.
    QStringList requestedPaths()
    {
        QStringList paths;
        for (const auto &entry : f->server().requestLog())
            paths << entry.target;
        return paths;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!CliRunner::program().isEmpty(), "FAL_FILES_CLI is set by CTest");
    }
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        cli = std::make_unique<CliRunner>(f->server().baseUrl().toString() + QStringLiteral("/v1"),
                                          f->server().key());
    }
    void cleanup()
    {
        cli.reset();
        f.reset();
    }

    void listsThroughV1()
    {
        writeFile(f->data(QStringLiteral("models/a.safetensors")), "abc");
        QDir().mkpath(f->data(QStringLiteral("models/sub")));
        auto plain = cli->run({QStringLiteral("list"), QStringLiteral("models/")});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        QCOMPARE(plain.out, QStringLiteral("a.safetensors\nsub/\n"));
        auto json
            = cli->run({QStringLiteral("ls"), QStringLiteral("--json"), QStringLiteral("models")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(array.size(), 2);
        QCOMPARE(array.at(0).toObject().value(QStringLiteral("size")).toInteger(), 3);
        for (const QString &path : requestedPaths())
            QVERIFY2(path.startsWith(QStringLiteral("/v1/serverless/files/")), qPrintable(path));
    }

    void uploadsAndDownloadsThroughV1()
    {
        // Above the 10 MiB multipart threshold: v1 has no multipart, so it must go as one POST.
        QByteArray bytes(12 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < bytes.size(); ++i)
            bytes[i] = char(i * 7 + i / 4096);
        const QString local = m_local.filePath(QStringLiteral("w.bin"));
        writeFile(local, bytes);
        auto up = cli->run({QStringLiteral("upload"), local, QStringLiteral("models/")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        QCOMPARE(readFile(f->data(QStringLiteral("models/w.bin"))), bytes);

        const QString into = m_local.filePath(QStringLiteral("down"));
        QDir().mkpath(into);
        auto down = cli->run({QStringLiteral("download"), QStringLiteral("models/w.bin"), into});
        QVERIFY2(down.exitCode == 0, qPrintable(down.err));
        QCOMPARE(readFile(into + QStringLiteral("/w.bin")), bytes);
        for (const QString &path : requestedPaths())
            QVERIFY2(path.startsWith(QStringLiteral("/v1/serverless/files/")), qPrintable(path));
    }

    void importsAUrlThroughV1()
    {
        StaticHttpServer source;
        source.serve(QStringLiteral("/files/model.gguf"), QByteArray(5000, 'g'));
        auto imported = cli->run({QStringLiteral("upload-url"),
                                  source.url(QStringLiteral("/files/model.gguf")).toString(),
                                  QStringLiteral("models/model.gguf")});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QCOMPARE(QFileInfo(f->data(QStringLiteral("models/model.gguf"))).size(), 5000);
    }

    void refusesWhatV1Lacks()
    {
        writeFile(f->data(QStringLiteral("a.bin")), "abc");
        const QList<QStringList> refused = {
            {QStringLiteral("mv"), QStringLiteral("a.bin"), QStringLiteral("b.bin")},
            {QStringLiteral("rm"), QStringLiteral("a.bin")},
            {QStringLiteral("stat"), QStringLiteral("--checksum"), QStringLiteral("a.bin")},
            {QStringLiteral("download"), QStringLiteral("--checksum"), QStringLiteral("a.bin"),
             m_local.path()},
        };
        for (const QStringList &args : refused) {
            auto result = cli->run(args);
            QCOMPARE(result.exitCode, 2);
            QVERIFY2(result.err.contains(QStringLiteral("Platform API v1")),
                     qPrintable(result.err));
        }
        QVERIFY(QFileInfo::exists(f->data(QStringLiteral("a.bin"))));
        // A stat without checksums is answered from the listing.
        auto stat = cli->run({QStringLiteral("stat"), QStringLiteral("a.bin")});
        QVERIFY2(stat.exitCode == 0, qPrintable(stat.err));
    }

    void apiOptionForcesTheSurface()
    {
        writeFile(f->data(QStringLiteral("x/y.txt")), "hello");
        CliRunner rest(f->server().baseUrl().toString(), f->server().key());
        auto forced = rest.run({QStringLiteral("--api"), QStringLiteral("platform"),
                                QStringLiteral("rm"), QStringLiteral("x/y.txt")});
        QCOMPARE(forced.exitCode, 2);
        auto bad
            = rest.run({QStringLiteral("--api"), QStringLiteral("soap"), QStringLiteral("ls")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--api")), qPrintable(bad.err));
    }
};

QTEST_GUILESS_MAIN(TestCliPlatform)
#include "tst_cli_platform.moc"
