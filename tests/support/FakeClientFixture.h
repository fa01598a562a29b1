#pragma once

#include "network/api/ApiJob.h"
#include "network/api/FilesClient.h"
#include "tests/support/FakeFilesService.h"
#include "tests/support/FakeNetworkAccessManager.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>

// The real FilesClient over FakeNetworkAccessManager, answered by a FakeFilesService: what every
// fake-network test starts from. Retries are immediate unless a test sets a policy: the delays
// are the policy's business (tst_retrypolicy); here they would only make tests wait.
class FakeClientFixture
{
public:
    FakeClientFixture() : m_network(m_service.handler())
    {
        m_client.setEndpoint(FakeFilesService::endpoint());
        m_client.setCredentials(
            *Credentials::fromKey(QStringLiteral("fake-id:fake-secret"), QStringLiteral("test")));
        RetryPolicy fast;
        fast.baseDelayMs = 2;
        fast.maxDelayMs = 4;
        fast.maxAttempts = 6;
        m_client.setRetryPolicy(fast);
    }

    FakeFilesService &service() { return m_service; }
    FakeNetworkAccessManager &network() { return m_network; }
    FilesClient *client() { return &m_client; }
    QString scratch(const QString &name) const { return m_scratch.filePath(name); }

    // Runs a job to its end (kept alive for the caller to read); false on a timeout.
    static bool run(ApiJob *job, int timeoutMs = 10'000)
    {
        job->setAutoDelete(false);
        QSignalSpy finished(job, &ApiJob::finished);
        job->start();
        return finished.wait(timeoutMs);
    }

    // Seeded pseudo-random bytes: reproducible, and no two parts alike.
    static QByteArray randomBytes(qint64 size, quint32 seed)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        QRandomGenerator generator(seed);
        const qint64 words = size / 4;
        generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), words);
        for (qint64 i = words * 4; i < size; ++i)
            bytes[i] = char(generator.generate());
        return bytes;
    }
    static bool writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
    }

private:
    QTemporaryDir m_scratch;
    FakeFilesService m_service;
    FakeNetworkAccessManager m_network;
    FilesClient m_client {&m_network};
};
