// The fal-files-emulator executable: the ready line, a generated key, env and flag faults, the
// JSON-lines log, clean stop on SIGTERM/SIGINT, and clear failures for a bad root or busy port.

#include "tests/support/EmulatorTestSupport.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

using namespace emutest;

class TestEmulatorCli : public QObject
{
    Q_OBJECT

private:
    QString m_binary;
    QTemporaryDir m_root;

    struct Started
    {
        std::unique_ptr<QProcess> process;
        quint16 port = 0;
        QString key;
    };

    Started launch(const QStringList &arguments,
                   const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        Started s;
        s.process = std::make_unique<QProcess>();
        s.process->setProcessEnvironment(env);
        s.process->start(m_binary, arguments);
        if (!s.process->waitForStarted(5000))
            return s;
        QByteArray out;
        while (!out.contains('\n') && s.process->waitForReadyRead(5000))
            out += s.process->readAllStandardOutput();
        const QRegularExpressionMatch m
            = QRegularExpression(
                  QStringLiteral(
                      "^fal-files-emulator listening on http://127\\.0\\.0\\.1:(\\d+)\n"))
                  .match(QString::fromUtf8(out));
        if (m.hasMatch())
            s.port = quint16(m.captured(1).toUInt());
        if (!arguments.contains(QStringLiteral("--key"))) {
            while (!out.contains("key: ") || !out.endsWith('\n')) {
                if (!s.process->waitForReadyRead(5000))
                    break;
                out += s.process->readAllStandardOutput();
            }
            const QRegularExpressionMatch k
                = QRegularExpression(QStringLiteral("\nkey: ([^:\\s]+:[^\\s]+)\n$"))
                      .match(QString::fromUtf8(out));
            if (k.hasMatch())
                s.key = k.captured(1);
        }
        return s;
    }

    static int stop(QProcess &p, int signal = SIGTERM)
    {
        ::kill(pid_t(p.processId()), signal);
        if (!p.waitForFinished(10000))
            return -1;
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_binary = qEnvironmentVariable("FAL_FILES_EMULATOR");
        if (m_binary.isEmpty())
            QSKIP("FAL_FILES_EMULATOR is not set (run through ctest)");
        QVERIFY(QFileInfo(m_binary).isExecutable());
    }

    void servesWithGivenKeyAndStopsOnSigterm()
    {
        QTemporaryDir logDir;
        const QString log = logDir.filePath(QStringLiteral("log.jsonl"));
        Started s
            = launch({"--root", m_root.path(), "--port", "0", "--key", "cli:secret", "--log", log});
        QVERIFY(s.port > 0);
        httplib::Client client("127.0.0.1", s.port);
        auto r = client.Get("/files/list", authHeaders(QStringLiteral("cli:secret")));
        QVERIFY(r);
        QCOMPARE(r->status, 200);
        QCOMPARE(client.Get("/files/list", authHeaders(QStringLiteral("cli:other")))->status, 403);
        QCOMPARE(stop(*s.process), 0);
        const QList<QByteArray> lines = readFile(log).trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        bool ok = false;
        QCOMPARE(RequestLogEntry::fromJsonLine(lines.at(1), &ok).status, 403);
        QVERIFY(ok);
    }

    void generatesKeyWhenNoneGiven()
    {
        Started s = launch({"--root", m_root.path()});
        QVERIFY(s.port > 0);
        QVERIFY2(!s.key.isEmpty(), "no 'key: ID:SECRET' line");
        httplib::Client client("127.0.0.1", s.port);
        QCOMPARE(client.Get("/files/list", authHeaders(s.key))->status, 200);
        QCOMPARE(stop(*s.process, SIGINT), 0);
    }

    void faultsFromEnvironmentAndFlags()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FAL_EMULATOR_RATE_LIMIT_RATE"), QStringLiteral("1"));
        env.insert(QStringLiteral("FAL_EMULATOR_RETRY_AFTER"), QStringLiteral("9"));
        Started s = launch({"--root", m_root.path(), "--key", "a:b"}, env);
        QVERIFY(s.port > 0);
        httplib::Client client("127.0.0.1", s.port);
        auto r = client.Get("/files/list", authHeaders(QStringLiteral("a:b")));
        QCOMPARE(r->status, 429);
        QCOMPARE(r->get_header_value("Retry-After"), std::string("9"));
        QCOMPARE(stop(*s.process), 0);

        // A flag wins over the environment.
        s = launch({"--root", m_root.path(), "--key", "a:b", "--rate-limit-rate", "0",
                    "--error-rate", "1"},
                   env);
        QVERIFY(s.port > 0);
        httplib::Client second("127.0.0.1", s.port);
        QCOMPARE(second.Get("/files/list", authHeaders(QStringLiteral("a:b")))->status, 503);
        QCOMPARE(stop(*s.process), 0);
    }

    void badRootFails()
    {
        QProcess p;
        p.start(m_binary, {"--root", m_root.path() + "/does-not-exist", "--key", "a:b"});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.exitCode() != 0);
        QVERIFY(p.readAllStandardError().contains("does not exist"));
        QVERIFY(p.readAllStandardOutput().isEmpty());
        p.start(m_binary, {"--key", "a:b"});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.exitCode() != 0);
    }

    void busyPortFails()
    {
        Started s = launch({"--root", m_root.path(), "--key", "a:b"});
        QVERIFY(s.port > 0);
        QProcess second;
        second.start(m_binary,
                     {"--root", m_root.path(), "--key", "a:b", "--port", QString::number(s.port)});
        QVERIFY(second.waitForFinished(10000));
        QVERIFY(second.exitCode() != 0);
        const QByteArray error = second.readAllStandardError();
        QVERIFY2(error.contains("in use"), error.constData());
        QCOMPARE(stop(*s.process), 0);
    }

    void badFlagsFail()
    {
        QProcess p;
        p.start(m_binary, {"--root", m_root.path(), "--error-rate", "lots"});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.exitCode() != 0);
        p.start(m_binary, {"--root", m_root.path(), "--key", "nocolon"});
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.exitCode() != 0);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorCli)
#include "tst_emulator_cli.moc"
