// fal-files-cli end to end: every command against the in-process emulator, with the exit codes
// and messages scripts and people rely on.
#include "tests/support/CliRunner.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/StaticHttpServer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
}

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<CliRunner> cli;

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

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!CliRunner::program().isEmpty(), "FAL_FILES_CLI is set by CTest");
    }
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
        cli = std::make_unique<CliRunner>(f->server().baseUrl().toString(), f->server().key());
    }
    void cleanup()
    {
        cli.reset();
        f.reset();
    }

    void listFormats()
    {
        writeFile(f->data(QStringLiteral("models/a.safetensors")), "abc");
        QDir().mkpath(f->data(QStringLiteral("models/sub")));
        auto plain = cli->run({QStringLiteral("ls"), QStringLiteral("/data/models")});
        QCOMPARE(plain.exitCode, 0);
        QCOMPARE(plain.out, QStringLiteral("a.safetensors\nsub/\n"));
        QVERIFY2(plain.err.isEmpty(), qPrintable(plain.err)); // quiet when not a terminal

        auto longForm
            = cli->run({QStringLiteral("ls"), QStringLiteral("-l"), QStringLiteral("models")});
        QCOMPARE(longForm.exitCode, 0);
        QVERIFY(longForm.out.contains(QRegularExpression(
            QStringLiteral("^-\\s+3\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+a.safetensors$"),
            QRegularExpression::MultilineOption)));

        auto json
            = cli->run({QStringLiteral("ls"), QStringLiteral("--json"), QStringLiteral("models")});
        QCOMPARE(json.exitCode, 0);
        const QJsonArray array = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(array.size(), 2);
        QCOMPARE(array.at(0).toObject().value(QStringLiteral("path")).toString(),
                 QStringLiteral("/data/models/a.safetensors"));

        auto root = cli->run({QStringLiteral("ls")});
        QCOMPARE(root.out, QStringLiteral("models/\n"));
    }

    void missingPathsAndHostilePaths()
    {
        auto missing = cli->run({QStringLiteral("ls"), QStringLiteral("nope")});
        QCOMPARE(missing.exitCode, 4);
        QVERIFY(missing.err.contains(QStringLiteral("/data/nope")));
        auto outside = cli->run({QStringLiteral("ls"), QStringLiteral("../etc")});
        QCOMPARE(outside.exitCode, 2);
        QVERIFY(outside.err.contains(QStringLiteral("..")));
        auto absolute = cli->run({QStringLiteral("download"), QStringLiteral("/etc/passwd"),
                                  f->scratch(QStringLiteral("x"))});
        QCOMPARE(absolute.exitCode, 2);
        QVERIFY(absolute.err.contains(QStringLiteral("outside /data")));
        QVERIFY(!QFile::exists(f->scratch(QStringLiteral("x"))));
        auto usage = cli->run({QStringLiteral("frobnicate")});
        QCOMPARE(usage.exitCode, 2);
    }

    void statWithChecksum()
    {
        writeFile(f->data(QStringLiteral("abc.txt")), "abc");
        auto stat = cli->run({QStringLiteral("stat"), QStringLiteral("--checksum"),
                              QStringLiteral("/data/abc.txt")});
        QCOMPARE(stat.exitCode, 0);
        QVERIFY(stat.out.contains(
            QStringLiteral("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")));
        QVERIFY(stat.out.contains(QStringLiteral("3 bytes")));
    }

    void uploadAndDownloadFilesAndFolders()
    {
        writeFile(f->scratch(QStringLiteral("one.txt")), "one");
        auto intoFolder = cli->run({QStringLiteral("upload"), f->scratch(QStringLiteral("one.txt")),
                                    QStringLiteral("docs/")});
        QCOMPARE(intoFolder.exitCode, 0);
        QCOMPARE(readFile(f->data(QStringLiteral("docs/one.txt"))), QByteArray("one"));
        auto renamed = cli->run({QStringLiteral("upload"), f->scratch(QStringLiteral("one.txt")),
                                 QStringLiteral("/data/docs/uno.txt")});
        QCOMPARE(renamed.exitCode, 0);
        QCOMPARE(readFile(f->data(QStringLiteral("docs/uno.txt"))), QByteArray("one"));

        writeFile(f->scratch(QStringLiteral("tree/a/b.txt")), "b");
        writeFile(f->scratch(QStringLiteral("tree/c.txt")), "c");
        auto folder = cli->run(
            {QStringLiteral("upload"), f->scratch(QStringLiteral("tree")), QStringLiteral("docs")});
        QCOMPARE(folder.exitCode, 0);
        QCOMPARE(readFile(f->data(QStringLiteral("docs/tree/a/b.txt"))), QByteArray("b"));

        const QString out = f->scratch(QStringLiteral("out"));
        QDir().mkpath(out);
        auto file = cli->run({QStringLiteral("download"), QStringLiteral("docs/one.txt"), out});
        QCOMPARE(file.exitCode, 0);
        QCOMPARE(readFile(out + QStringLiteral("/one.txt")), QByteArray("one"));
        auto named = cli->run({QStringLiteral("download"), QStringLiteral("docs/one.txt"),
                               out + QStringLiteral("/named.txt")});
        QCOMPARE(named.exitCode, 0);
        QCOMPARE(readFile(out + QStringLiteral("/named.txt")), QByteArray("one"));
        auto tree = cli->run({QStringLiteral("download"), QStringLiteral("/data/docs"),
                              out + QStringLiteral("/copy/")});
        QCOMPARE(tree.exitCode, 0);
        QCOMPARE(readFile(out + QStringLiteral("/copy/docs/tree/a/b.txt")), QByteArray("b"));
        QCOMPARE(readFile(out + QStringLiteral("/copy/docs/uno.txt")), QByteArray("one"));
    }

    void conflictsNeedAnAnswer()
    {
        writeFile(f->data(QStringLiteral("c.txt")), "old");
        writeFile(f->scratch(QStringLiteral("c.txt")), "new");
        auto refused = cli->run({QStringLiteral("upload"), f->scratch(QStringLiteral("c.txt")),
                                 QStringLiteral("/data/")});
        QCOMPARE(refused.exitCode, 5);
        QVERIFY(refused.err.contains(QStringLiteral("--on-conflict")));
        QCOMPARE(readFile(f->data(QStringLiteral("c.txt"))), QByteArray("old"));
        auto both = cli->run({QStringLiteral("upload"), QStringLiteral("--on-conflict=keep-both"),
                              f->scratch(QStringLiteral("c.txt")), QStringLiteral("/data/")});
        QCOMPARE(both.exitCode, 0);
        QCOMPARE(readFile(f->data(QStringLiteral("c (1).txt"))), QByteArray("new"));
        auto overwrite
            = cli->run({QStringLiteral("upload"), QStringLiteral("--on-conflict=overwrite"),
                        f->scratch(QStringLiteral("c.txt")), QStringLiteral("/data/")});
        QCOMPARE(overwrite.exitCode, 0);
        QCOMPARE(readFile(f->data(QStringLiteral("c.txt"))), QByteArray("new"));
        auto local = cli->run({QStringLiteral("download"), QStringLiteral("c.txt"),
                               f->scratch(QStringLiteral("c.txt"))});
        QCOMPARE(local.exitCode, 5);
    }

    void bigFileRoundTripIsIdentical()
    {
        const QString local = f->scratch(QStringLiteral("big.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 64 * kMiB + 1, 77));
        auto up = cli->run({QStringLiteral("upload"), local, QStringLiteral("weights/")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("weights/big.bin"))),
                 ClientFixture::sha256(local));
        const QString back = f->scratch(QStringLiteral("back.bin"));
        auto down = cli->run({QStringLiteral("download"), QStringLiteral("weights/big.bin"), back});
        QVERIFY2(down.exitCode == 0, qPrintable(down.err));
        QCOMPARE(ClientFixture::sha256(back), ClientFixture::sha256(local));
    }

    void survivesFaults()
    {
        const QString local = f->scratch(QStringLiteral("f.bin"));
        QVERIFY(ClientFixture::writeRandomFile(local, 25 * kMiB, 5));
        fal::emulator::FaultOptions faults;
        faults.errorRate = 0.1;
        faults.rateLimitRate = 0.1;
        faults.retryAfterSeconds = 1;
        faults.dropAfterBytes = 4 * kMiB;
        faults.dropLimit = 3;
        faults.seed = 3;
        f->server().setFaults(faults);
        auto up = cli->run({QStringLiteral("upload"), local, QStringLiteral("f.bin")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        faults.seed = 4;
        f->server().setFaults(faults);
        auto down = cli->run({QStringLiteral("download"), QStringLiteral("f.bin"),
                              f->scratch(QStringLiteral("f2.bin"))});
        QVERIFY2(down.exitCode == 0, qPrintable(down.err));
        QCOMPARE(ClientFixture::sha256(f->scratch(QStringLiteral("f2.bin"))),
                 ClientFixture::sha256(local));
    }

    void moveAndRemove()
    {
        writeFile(f->data(QStringLiteral("m/a.txt")), "a");
        writeFile(f->data(QStringLiteral("m/b.txt")), "b");
        QCOMPARE(
            cli->run({QStringLiteral("mv"), QStringLiteral("m/a.txt"), QStringLiteral("m/a2.txt")})
                .exitCode,
            0);
        QVERIFY(QFile::exists(f->data(QStringLiteral("m/a2.txt"))));
        QCOMPARE(cli->run({QStringLiteral("mv"), QStringLiteral("m/a2.txt"),
                           QStringLiteral("m/b.txt"), QStringLiteral("n/")})
                     .exitCode,
                 0);
        QVERIFY(QFile::exists(f->data(QStringLiteral("n/a2.txt"))));
        QVERIFY(QFile::exists(f->data(QStringLiteral("n/b.txt"))));
        writeFile(f->data(QStringLiteral("o/a2.txt")), "other");
        auto conflict = cli->run(
            {QStringLiteral("mv"), QStringLiteral("o/a2.txt"), QStringLiteral("n/a2.txt")});
        QCOMPARE(conflict.exitCode, 5);
        QVERIFY(conflict.err.contains(QStringLiteral("already exists")));

        auto folderNoR = cli->run({QStringLiteral("rm"), QStringLiteral("n")});
        QCOMPARE(folderNoR.exitCode, 2);
        QVERIFY(folderNoR.err.contains(QStringLiteral("rm -r")));
        QVERIFY(QFile::exists(f->data(QStringLiteral("n/b.txt"))));
        QCOMPARE(cli->run({QStringLiteral("rm"), QStringLiteral("-r"), QStringLiteral("/data/n")})
                     .exitCode,
                 0);
        QVERIFY(!QFileInfo::exists(f->data(QStringLiteral("n"))));
        QCOMPARE(cli->run({QStringLiteral("rm"), QStringLiteral("n")}).exitCode, 4);
    }

    void importUrl()
    {
        StaticHttpServer source;
        source.serve(QStringLiteral("/files/model.gguf"), QByteArray(5000, 'g'));
        auto imported = cli->run({QStringLiteral("import-url"),
                                  source.url(QStringLiteral("/files/model.gguf")).toString(),
                                  QStringLiteral("models/")});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
        QCOMPARE(QFileInfo(f->data(QStringLiteral("models/model.gguf"))).size(), 5000);
        auto broken = cli->run({QStringLiteral("import-url"),
                                source.url(QStringLiteral("/missing")).toString(),
                                QStringLiteral("models/x.bin")});
        QVERIFY(broken.exitCode != 0);
        QVERIFY(broken.err.contains(QStringLiteral("x.bin")));
        QCOMPARE(cli->run({QStringLiteral("import-url"), QStringLiteral("ftp://host/x"),
                           QStringLiteral("x")})
                     .exitCode,
                 2);
    }

    void badAndMissingKeys()
    {
        CliRunner wrong(f->server().baseUrl().toString(), QStringLiteral("someone:wrong"));
        auto refused = wrong.run({QStringLiteral("ls")});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY(refused.err.contains(QStringLiteral("refused")));
        QVERIFY(!refused.err.contains(QStringLiteral("wrong"))); // the secret is never printed

        CliRunner none(f->server().baseUrl().toString(), QString());
        auto missing = none.run({QStringLiteral("ls")});
        QCOMPARE(missing.exitCode, 3);
        QVERIFY(missing.err.contains(QStringLiteral("FAL_KEY")));

        // The key from the environment, as fal's own tools take it.
        none.environment().insert(QStringLiteral("FAL_KEY"), f->server().key());
        QCOMPARE(none.run({QStringLiteral("ls")}).exitCode, 0);

        CliRunner plain(QStringLiteral("http://example.com"), f->server().key());
        auto insecure = plain.run({QStringLiteral("ls")});
        QVERIFY(insecure.exitCode != 0);
        QVERIFY(insecure.err.contains(QStringLiteral("https")));
    }

    void transfersListsTheJournal()
    {
        writeFile(f->scratch(QStringLiteral("j.txt")), "j");
        QCOMPARE(cli->run({QStringLiteral("upload"), f->scratch(QStringLiteral("j.txt")),
                           QStringLiteral("/data/")})
                     .exitCode,
                 0);
        auto list = cli->run({QStringLiteral("transfers"), QStringLiteral("--json")});
        QCOMPARE(list.exitCode, 0);
        const QJsonArray items = QJsonDocument::fromJson(list.out.toUtf8()).array();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("done"));
        QCOMPARE(cli->run({QStringLiteral("transfers"), QStringLiteral("--clear")}).exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(
                     cli->run({QStringLiteral("transfers"), QStringLiteral("--json")}).out.toUtf8())
                     .array()
                     .size(),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
