// fal-files-cli and what it must not trust: names and server text that would drive the terminal,
// a redirect it does not follow, an endpoint it refuses (never a fallback that takes the key
// elsewhere), the key on the command line, and links in an uploaded folder that point out of it.
#include "tests/support/CliRunner.h"
#include "tests/support/ClientFixture.h"
#include "tests/support/StaticHttpServer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

// ESC ] 0 ; … BEL retitles a terminal; U+009B is CSI, which some terminals read like ESC [.
const QString kHostile = QStringLiteral("evil") + QChar(0x1b) + QStringLiteral("]0;pwned")
    + QChar(0x07) + QChar(0x9b) + QStringLiteral("2J.txt");
const QString kHostileShown = QStringLiteral("evil\\x1b]0;pwned\\x07\\u009b2J.txt");

// Control characters a terminal would act on (a line break is the CLI's own).
QString rawControls(const QString &text)
{
    QString found;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != '\n') || (u >= 0x7f && u <= 0x9f))
            found += QStringLiteral("U+%1 ").arg(int(u), 4, 16, QLatin1Char('0'));
    }
    return found;
}

QByteArray answer(const QByteArray &statusLine, const QByteArray &headers, const QByteArray &body)
{
    return "HTTP/1.0 " + statusLine + "\r\n" + headers
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestCliTrust : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    QString url() { return f->server().baseUrl().toString(); }
    void writeFile(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(!CliRunner::program().isEmpty(), "set by CTest"); }
    void init()
    {
        f = std::make_unique<ClientFixture>();
        QVERIFY(f->started());
    }
    void cleanup() { f.reset(); }

    // The client refuses to make such a name, so it is made on the emulator's disk.
    void hostileRemoteNameIsPrintedEscaped()
    {
        writeFile(f->data(kHostile), "x");
        CliRunner cli(url(), f->server().key());
        for (const QStringList &args :
             {QStringList {"ls"}, QStringList {"ls", "-l"}, QStringList {"ls", "--json"},
              QStringList {"stat", "/data/" + kHostile}}) {
            const auto result = cli.run(args);
            const QString all = result.out + result.err;
            QVERIFY2(rawControls(all).isEmpty(), qPrintable(args.join(' ') + ": " + all));
            // Listed or refused, the name is shown so a person can see what is there.
            QVERIFY2(all.contains(kHostileShown), qPrintable(args.join(' ') + ": " + all));
        }
    }

    void localNamesInTransfersAreEscaped()
    {
        const QString local = f->scratch(kHostile);
        writeFile(local, "x");
        CliRunner cli(url(), f->server().key());
        const auto upload = cli.run({QStringLiteral("upload"), local, QStringLiteral("/data/")});
        QVERIFY(upload.exitCode != 0); // such a name cannot be stored on fal
        QVERIFY2(rawControls(upload.err).isEmpty(), qPrintable(upload.err));
        QVERIFY2(upload.err.contains(kHostileShown), qPrintable(upload.err));

        const auto list = cli.run({QStringLiteral("transfers")});
        QVERIFY2(rawControls(list.out + list.err).isEmpty(), qPrintable(list.out));
        QVERIFY2(list.out.contains(kHostileShown), qPrintable(list.out));
        const auto json = cli.run({QStringLiteral("transfers"), QStringLiteral("--json")});
        QVERIFY2(rawControls(json.out).isEmpty(), qPrintable(json.out));
        const QJsonArray items = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0)[QStringLiteral("local")].toString(), local); // the same value
    }

    void serverErrorTextIsPrintedEscaped()
    {
        StaticHttpServer service;
        service.serveRaw(QStringLiteral("/files/list"),
                         answer("400 Bad Request", "Content-Type: application/json\r\n",
                                "{\"detail\": \"nope \\u001b]0;pwned\\u0007 \\u009b2J \\u007f\"}"));
        CliRunner cli(service.url(QString()).toString(), QStringLiteral("id:secret"));
        const auto result = cli.run({QStringLiteral("ls")});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(rawControls(result.err).isEmpty(), qPrintable(result.err));
        QVERIFY2(result.err.contains(QStringLiteral("nope \\x1b]0;pwned\\x07 \\u009b2J \\x7f")),
                 qPrintable(result.err));
    }

    void redirectIsExplained()
    {
        StaticHttpServer service;
        service.serveRaw(QStringLiteral("/files/list"),
                         answer("302 Found", "Location: https://elsewhere.example/x\r\n", {}));
        CliRunner cli(service.url(QString()).toString(), QStringLiteral("id:secret"));
        const auto result = cli.run({QStringLiteral("ls")});
        QVERIFY(result.exitCode != 0);
        QVERIFY2(result.err.contains(QStringLiteral("302 Found (a redirect to "
                                                    "https://elsewhere.example/x)")),
                 qPrintable(result.err));
    }

    void refusedEndpointIsAnError_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("variable");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("source");

        QTest::newRow("--endpoint") << "http://example.com"
                                    << ""
                                    << ""
                                    << "--endpoint";
        QTest::newRow("FAL_REST_HOST") << ""
                                       << "FAL_REST_HOST"
                                       << "http://example.com"
                                       << "FAL_REST_HOST";
        QTest::newRow("FAL_HOST") << ""
                                  << "FAL_HOST"
                                  << "http://api.example.com"
                                  << "FAL_HOST";
        QTest::newRow("profile host") << ""
                                      << "profile"
                                      << "http://example.com"
                                      << "profile";
        QTest::newRow("not a URL") << "ftp://example.com"
                                   << ""
                                   << ""
                                   << "--endpoint";
    }

    void refusedEndpointIsAnError()
    {
        QFETCH(QString, option);
        QFETCH(QString, variable);
        QFETCH(QString, value);
        QFETCH(QString, source);
        // A usable source after the refused one, where a request could be seen: none may come.
        StaticHttpServer next;
        CliRunner cli(option, QStringLiteral("id:Secret"));
        if (variable == QLatin1String("profile")) {
            QTemporaryDir dir;
            const QString config = dir.filePath(QStringLiteral("config.toml"));
            writeFile(config, "[p]\nhost = \"" + value.toUtf8() + "\"\n");
            cli.environment().insert(QStringLiteral("FAL_CONFIG_PATH"), config);
            cli.environment().insert(QStringLiteral("FAL_PROFILE"), QStringLiteral("p"));
            const auto result = cli.run({QStringLiteral("-v"), QStringLiteral("ls")});
            QCOMPARE(result.exitCode, 2);
            QVERIFY2(result.err.contains(QStringLiteral("refused")), qPrintable(result.err));
            return;
        }
        if (!variable.isEmpty())
            cli.environment().insert(variable, value);
        if (variable != QLatin1String("FAL_HOST"))
            cli.environment().insert(QStringLiteral("FAL_HOST"), next.url(QString()).toString());
        const auto result = cli.run({QStringLiteral("-v"), QStringLiteral("ls")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("refused")), qPrintable(result.err));
        QVERIFY2(result.err.contains(source), qPrintable(result.err));
        QVERIFY2(!result.err.contains(QStringLiteral("using key")), qPrintable(result.err));
        QVERIFY2(next.requests().isEmpty(), next.requests().value(0).constData());
    }

    void keyFromAFile()
    {
        CliRunner cli(url(), QString());
        QTemporaryDir dir;
        const QString keyFile = dir.filePath(QStringLiteral("key"));
        writeFile(keyFile, "\n" + f->server().key().toUtf8() + "\n");
        const auto fromFile = cli.run(
            {QStringLiteral("--key-file"), keyFile, QStringLiteral("-v"), QStringLiteral("ls")});
        QVERIFY2(fromFile.exitCode == 0, qPrintable(fromFile.err));
        QVERIFY2(fromFile.err.contains(QStringLiteral("from the key file ") + keyFile),
                 qPrintable(fromFile.err));
        QVERIFY(!fromFile.err.contains(QStringLiteral("warning")));

        const auto fromStdin
            = cli.run({QStringLiteral("--key-file"), QStringLiteral("-"), QStringLiteral("ls")},
                      60'000, f->server().key().toUtf8() + "\n");
        QVERIFY2(fromStdin.exitCode == 0, qPrintable(fromStdin.err));

        const auto missing
            = cli.run({QStringLiteral("--key-file"), dir.filePath("nope"), QStringLiteral("ls")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(dir.filePath("nope")), qPrintable(missing.err));
        const auto both = cli.run({QStringLiteral("--key-file"), keyFile, QStringLiteral("--key"),
                                   f->server().key(), QStringLiteral("ls")});
        QCOMPARE(both.exitCode, 2);
    }

    void keyOnTheCommandLineWarnsOnce()
    {
        CliRunner cli(url(), QString());
        writeFile(f->scratch(QStringLiteral("w.txt")), "w");
        for (const QStringList &command :
             {QStringList {"ls"}, QStringList {"upload", f->scratch("w.txt"), "/data/"}}) {
            const auto result = cli.run(QStringList {"--key", f->server().key()} + command);
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            QCOMPARE(result.err.count(QStringLiteral("warning: --key")), 1);
            QVERIFY2(result.err.contains(QStringLiteral("--key-file")), qPrintable(result.err));
        }
    }

    void linksOutOfAnUploadedFolderStayHome()
    {
        writeFile(f->scratch(QStringLiteral("home/.ssh/id_ed25519")), "PRIVATE KEY");
        writeFile(f->scratch(QStringLiteral("ds/a.txt")), "a");
        QVERIFY(QFile::link(QStringLiteral("../home/.ssh/id_ed25519"),
                            f->scratch(QStringLiteral("ds/key"))));
        QVERIFY(QFile::link(QStringLiteral("a.txt"), f->scratch(QStringLiteral("ds/also-a"))));
        CliRunner cli(url(), f->server().key());

        const auto plain = cli.run({QStringLiteral("upload"), f->scratch(QStringLiteral("ds")),
                                    QStringLiteral("/data/plain/")});
        QVERIFY2(plain.exitCode == 0, qPrintable(plain.err));
        QVERIFY(QFile::exists(f->data(QStringLiteral("plain/ds/a.txt"))));
        QVERIFY(QFile::exists(f->data(QStringLiteral("plain/ds/also-a"))));
        QVERIFY(!QFile::exists(f->data(QStringLiteral("plain/ds/key"))));
        QVERIFY2(plain.err.contains(QStringLiteral("1 link skipped")), qPrintable(plain.err));

        const auto follow
            = cli.run({QStringLiteral("upload"), QStringLiteral("--follow-symlinks"),
                       f->scratch(QStringLiteral("ds")), QStringLiteral("/data/follow/")});
        QVERIFY2(follow.exitCode == 0, qPrintable(follow.err));
        QFile copied(f->data(QStringLiteral("follow/ds/key")));
        QVERIFY(copied.open(QIODevice::ReadOnly));
        QCOMPARE(copied.readAll(), QByteArray("PRIVATE KEY"));

        // Named on the command line, a link is the person's own choice.
        const auto named = cli.run({QStringLiteral("upload"), f->scratch(QStringLiteral("ds/key")),
                                    QStringLiteral("/data/named/")});
        QVERIFY2(named.exitCode == 0, qPrintable(named.err));
        QVERIFY(QFile::exists(f->data(QStringLiteral("named/key"))));
    }
};

QTEST_GUILESS_MAIN(TestCliTrust)
#include "tst_cli_trust.moc"
