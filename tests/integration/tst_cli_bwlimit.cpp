// fal-files-cli --bwlimit: what is not a rate exits 2 with the reason before anything is sent,
// and a rate slows the direction it names (2 MiB at 1 MiB/s cannot take less than 1.5 s), an
// UP:DOWN pair each direction on its own.
#include "tests/support/CliRunner.h"
#include "tests/support/ClientFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTest>

namespace {
constexpr qint64 kMiB = 1024 * 1024;
} // namespace

class TestCliBwlimit : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ClientFixture> f;
    std::unique_ptr<CliRunner> cli;

private Q_SLOTS:
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

    void notARateExitsTwo_data()
    {
        QTest::addColumn<QString>("rate");
        QTest::addColumn<QString>("reason");
        QTest::newRow("word") << QStringLiteral("fast") << QStringLiteral("not a rate");
        QTest::newRow("unit") << QStringLiteral("10X") << QStringLiteral("not a rate");
        QTest::newRow("three sides") << QStringLiteral("1M:2M:3M") << QStringLiteral("UP:DOWN");
        QTest::newRow("empty side") << QStringLiteral("1M:") << QStringLiteral("not a rate");
        QTest::newRow("too slow") << QStringLiteral("100") << QStringLiteral("smallest limit");
    }
    void notARateExitsTwo()
    {
        QFETCH(QString, rate);
        QFETCH(QString, reason);
        const auto result = cli->run({QStringLiteral("--bwlimit"), rate, QStringLiteral("ls")});
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(QStringLiteral("--bwlimit")), qPrintable(result.err));
        QVERIFY2(result.err.contains(reason), qPrintable(result.err));
        QVERIFY(f->server().requestLog().isEmpty()); // refused before anything was sent
    }

    void helpNamesIt()
    {
        const auto result = cli->run({QStringLiteral("--help")});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains(QStringLiteral("--bwlimit")), qPrintable(result.out));
    }

    void aRateSlowsBothDirections()
    {
        const QString local = f->scratch(QStringLiteral("two.bin"));
        // 3 MiB at 1 MiB/s: ~2.75 s in theory; the floor leaves room for the bucket's burst.
        QVERIFY(ClientFixture::writeRandomFile(local, 3 * kMiB, 5));
        QElapsedTimer clock;
        clock.start();
        auto result = cli->run({QStringLiteral("--bwlimit"), QStringLiteral("1M"),
                                QStringLiteral("upload"), local, QStringLiteral("/data/in/")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        // What the CLI said, should it ever be fast (a clean-clone run once saw a 77 ms download).
        QVERIFY2(clock.elapsed() >= 1500,
                 qPrintable(QStringLiteral("%1 ms; out: %2; err: %3")
                                .arg(clock.elapsed())
                                .arg(result.out, result.err)));
        QCOMPARE(ClientFixture::sha256(f->data(QStringLiteral("in/two.bin"))),
                 ClientFixture::sha256(local));

        const QString back = f->scratch(QStringLiteral("back"));
        QVERIFY(QDir().mkpath(back));
        clock.restart();
        result = cli->run({QStringLiteral("--bwlimit"), QStringLiteral("1.5M:1M"),
                           QStringLiteral("download"), QStringLiteral("/data/in/two.bin"), back});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        // What the CLI said, should it ever be fast (a clean-clone run once saw a 77 ms download).
        QVERIFY2(clock.elapsed() >= 1500,
                 qPrintable(QStringLiteral("%1 ms; out: %2; err: %3")
                                .arg(clock.elapsed())
                                .arg(result.out, result.err)));
        QCOMPARE(ClientFixture::sha256(back + QStringLiteral("/two.bin")),
                 ClientFixture::sha256(local));
    }

    // A limit on uploads alone leaves downloads at full speed (not asserted: a floor only).
    void upDownPairsAreAccepted()
    {
        const auto result = cli->run(
            {QStringLiteral("--bwlimit"), QStringLiteral("10M:off"), QStringLiteral("ls")});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    }
};

QTEST_MAIN(TestCliBwlimit)
#include "tst_cli_bwlimit.moc"
