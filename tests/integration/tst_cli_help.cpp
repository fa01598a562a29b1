// fal-files-cli's help, as the man page and the shell completion read it: `COMMAND --help` for
// every command of the table (exit 0, its options, no key or network needed), the sections of
// the global --help, and the answers of the hidden `__complete` that the completion scripts
// ask. Remote-path completion against an emulator is tests/packaging/check_completion.sh.
#include "tests/support/CliRunner.h"

#include <QRegularExpression>
#include <QTest>

class TestCliHelp : public QObject
{
    Q_OBJECT

private:
    // Without --endpoint or a key: help and completion never connect.
    CliRunner::Result cli(const QStringList &args)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"FAL_KEY", "FAL_KEY_ID", "FAL_KEY_SECRET", "FAL_PROFILE"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("HOME"), m_home.path());
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_home.filePath(QStringLiteral("cache")));
        process.setProcessEnvironment(env);
        process.start(CliRunner::program(), args);
        CliRunner::Result result;
        result.crashed
            = !process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit;
        result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }
    QStringList completion(const QStringList &words)
    {
        const auto result = cli(QStringList {QStringLiteral("__complete")} + words);
        if (result.exitCode != 0)
            qWarning() << result.err;
        return result.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
    static QStringList firstColumn(const QStringList &lines)
    {
        QStringList names;
        for (const QString &line : lines.mid(1))
            names << line.section(QLatin1Char('\t'), 0, 0);
        return names;
    }

    QTemporaryDir m_home;

private Q_SLOTS:
    void everyCommandHasItsOwnHelp()
    {
        const QStringList lines = completion({QString()});
        QCOMPARE(lines.value(0), QStringLiteral("words"));
        const QStringList commands = firstColumn(lines);
        QVERIFY2(commands.size() >= 8, qPrintable(commands.join(u' ')));
        // one candidate a line, even where a command's summary is wrapped
        for (const QString &command : commands)
            QVERIFY2(QRegularExpression(QStringLiteral("^[a-z][a-z-]*$")).match(command).hasMatch(),
                     qPrintable(command));
        const QString global = cli({QStringLiteral("--help")}).out;
        for (const QString &command : commands) {
            const auto help = cli({command, QStringLiteral("--help")});
            QCOMPARE(help.exitCode, 0);
            QVERIFY2(help.err.isEmpty(), qPrintable(help.err));
            QVERIFY2(help.out.contains(QStringLiteral("Options:\n")), qPrintable(help.out));
            QVERIFY(help.out.contains(QStringLiteral("-h, --help")));
            // an alias shows the help of the command it stands for
            QVERIFY2(help.out.startsWith(QStringLiteral("usage: fal-files-cli ")),
                     qPrintable(help.out));
            QVERIFY2(global.contains(QStringLiteral("  ")
                                     + help.out.section(QLatin1Char('\n'), 0, 0).mid(21)),
                     qPrintable(command));
        }
    }

    void commandHelpListsTheParsersOptions()
    {
        const auto help = cli({QStringLiteral("ls"), QStringLiteral("--help")});
        QVERIFY(help.out.contains(QStringLiteral("\n  -l ")));
        QVERIFY(help.out.contains(QStringLiteral("\n  --json ")));
        const auto upload = cli({QStringLiteral("upload"), QStringLiteral("-h")});
        QCOMPARE(upload.exitCode, 0);
        QVERIFY(upload.out.contains(QStringLiteral("--on-conflict <answer>")));
    }

    void helpAfterDashesIsAnArgument()
    {
        // "--help" after "--" names a file; without a key the command then stops at the key.
        const auto result
            = cli({QStringLiteral("ls"), QStringLiteral("--"), QStringLiteral("--help")});
        QVERIFY(result.exitCode != 0);
        QVERIFY(!result.out.contains(QStringLiteral("usage:")));
    }

    void globalHelpHasTheSectionsOfAManPage()
    {
        const auto help = cli({QStringLiteral("--help")});
        QCOMPARE(help.exitCode, 0);
        for (const char *section :
             {"Commands:\n", "Options:\n", "Exit codes:\n", "Environment:\n", "Files:\n"})
            QVERIFY2(help.out.contains(QLatin1String(section)), section);
        QVERIFY(help.out.contains(QStringLiteral("  --bwlimit <rate>")));
        QVERIFY(help.out.contains(QStringLiteral("  130  interrupted")));
        QVERIFY(help.out.contains(QStringLiteral("  FAL_KEY ")));
    }

    void usageErrorsStayUsageErrors()
    {
        QCOMPARE(cli({QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("ls"), QStringLiteral("--frobnicate")}).exitCode, 2);
    }

    void completionOffersOptionsValuesAndWhatToComplete()
    {
        QVERIFY(firstColumn(completion({QStringLiteral("ls"), QStringLiteral("--")}))
                    .contains(QStringLiteral("--json")));
        QVERIFY(firstColumn(completion({QStringLiteral("--end")}))
                    .contains(QStringLiteral("--endpoint")));
        QCOMPARE(firstColumn(completion({QStringLiteral("upload"), QStringLiteral("--on-conflict"),
                                         QStringLiteral("k")})),
                 QStringList {QStringLiteral("keep-both")});
        QCOMPARE(
            firstColumn(completion({QStringLiteral("upload"), QStringLiteral("--on-conflict=s")})),
            QStringList {QStringLiteral("--on-conflict=skip")});
        QCOMPARE(completion({QStringLiteral("upload"), QStringLiteral("x")}).value(0),
                 QStringLiteral("files"));
        QCOMPARE(completion({QStringLiteral("--key-file"), QString()}).value(0),
                 QStringLiteral("files"));
        // a word written as a local path is local whatever the command takes
        QCOMPARE(completion({QStringLiteral("rm"), QStringLiteral("./x")}).value(0),
                 QStringLiteral("files"));
        QCOMPARE(completion({QStringLiteral("mv"), QStringLiteral("/home/")}).value(0),
                 QStringLiteral("files"));
        // sync: a /data path, or a local folder (never "models", which sync refuses)
        QCOMPARE(completion({QStringLiteral("sync"), QStringLiteral("sr")}).value(0),
                 QStringLiteral("files"));
        QCOMPARE(
            completion({QStringLiteral("sync"), QStringLiteral("/data/x"), QString()}).value(0),
            QStringLiteral("files"));
        QCOMPARE(completion({QStringLiteral("sync"), QStringLiteral("/data/")}).value(0),
                 QStringLiteral("paths"));
        QCOMPARE(completion({QStringLiteral("import-url"), QString()}).value(0),
                 QStringLiteral("none"));
        QCOMPARE(completion({QStringLiteral("ls"), QStringLiteral("/d")}),
                 (QStringList {QStringLiteral("paths"), QStringLiteral("/data/")}));
        // a remote folder without a key: nothing, quietly
        const auto noKey
            = cli({QStringLiteral("__complete"), QStringLiteral("ls"), QStringLiteral("/data/x")});
        QCOMPARE(noKey.exitCode, 0);
        QCOMPARE(noKey.out, QStringLiteral("paths\n"));
    }
};

QTEST_GUILESS_MAIN(TestCliHelp)
#include "tst_cli_help.moc"
