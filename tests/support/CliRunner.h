#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

// Runs fal-files-cli (path from $FAL_FILES_CLI, set by CTest) against an endpoint, with its own
// journal and data folder, while the test's event loop keeps running (an in-process emulator or
// URL source may need it). The key goes in FAL_KEY, the way the README tells people to give it
// (--key would warn on stderr).
class CliRunner
{
public:
    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
        bool crashed = false;
    };

    CliRunner(const QString &endpoint, const QString &key) : m_endpoint(endpoint), m_key(key)
    {
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        m_env.insert(QStringLiteral("HOME"), m_home.path());
        for (const char *name : {"FAL_KEY", "FAL_KEY_ID", "FAL_KEY_SECRET", "FAL_PROFILE"})
            m_env.remove(QString::fromLatin1(name));
        m_env.insert(QStringLiteral("FAL_CONFIG_PATH"),
                     m_home.filePath(QStringLiteral("no-config.toml")));
        for (const char *name : {"FAL_REST_HOST", "FAL_HOST"})
            m_env.remove(QString::fromLatin1(name));
        if (!m_key.isEmpty())
            m_env.insert(QStringLiteral("FAL_KEY"), m_key);
    }

    static QString program() { return qEnvironmentVariable("FAL_FILES_CLI"); }
    // A disk that fills up: the CLI may write files of at most `bytes` (RLIMIT_FSIZE; writes
    // past it fail with EFBIG). Negative: no limit.
    void setFileSizeLimit(qint64 bytes) { m_fileSizeLimit = bytes; }
    QProcessEnvironment &environment() { return m_env; }
    QString journal() const { return m_home.filePath(QStringLiteral("journal.sqlite")); }
    QStringList globalArgs() const
    {
        return {QStringLiteral("--endpoint"), m_endpoint, QStringLiteral("--journal"), journal()};
    }

    // Starts the CLI; the caller owns the process (for kill tests).
    QProcess *start(const QStringList &args, QObject *parent = nullptr)
    {
        auto *process = new QProcess(parent);
        prepare(process);
        process->start(program(), globalArgs() + args);
        return process;
    }

    Result run(const QStringList &args, int timeoutMs = 120'000, const QByteArray &stdinData = {})
    {
        QProcess process;
        prepare(&process);
        process.start(program(), globalArgs() + args);
        if (!stdinData.isEmpty())
            process.write(stdinData);
        process.closeWriteChannel();
        Result result;
        if (!QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs)) {
            process.kill();
            process.waitForFinished();
            result.crashed = true;
        }
        result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        result.crashed = result.crashed || process.exitStatus() != QProcess::NormalExit;
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        return result;
    }

private:
    void prepare(QProcess *process) const
    {
        process->setProcessEnvironment(m_env);
        if (m_fileSizeLimit >= 0) {
            const rlim_t limit = rlim_t(m_fileSizeLimit);
            process->setChildProcessModifier([limit] {
                std::signal(SIGXFSZ, SIG_IGN);
                rlimit lowered {};
                getrlimit(RLIMIT_FSIZE, &lowered);
                lowered.rlim_cur = limit;
                setrlimit(RLIMIT_FSIZE, &lowered);
            });
        }
    }

    qint64 m_fileSizeLimit = -1;
    QString m_endpoint;
    QString m_key;
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
};
