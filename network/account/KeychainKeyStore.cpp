#include "network/account/KeychainKeyStore.h"

#include "network/account/AccountLog.h"

#include <QCoreApplication>
#include <QPointer>
#include <QTimer>
#include <memory>
#include <qt6keychain/keychain.h>

namespace {

// Runs a QtKeychain job with a deadline; `done` is called exactly once.
void runJob(QKeychain::Job *job, QObject *context, int timeoutMs,
            std::function<void(QKeychain::Job *job, bool timedOut)> done)
{
    auto called = std::make_shared<bool>(false);
    auto finish = [called, done](QKeychain::Job *finished, bool timedOut) {
        if (*called)
            return;
        *called = true;
        done(finished, timedOut);
    };
    job->setAutoDelete(true);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [finish](QKeychain::Job *finished) { finish(finished, false); });
    QTimer::singleShot(timeoutMs, context, [finish] { finish(nullptr, true); });
    job->start();
}

QString describe(QKeychain::Job *job, bool timedOut)
{
    if (timedOut || !job)
        return QCoreApplication::translate("KeychainKeyStore",
                                           "the system keychain did not answer");
    return QCoreApplication::translate("KeychainKeyStore", "the system keychain failed: %1")
        .arg(job->errorString());
}

} // namespace

KeychainKeyStore::KeychainKeyStore(QString service, QString account)
    : m_service(std::move(service)), m_account(std::move(account))
{
}

KeychainKeyStore::~KeychainKeyStore() = default;

QString KeychainKeyStore::description() const
{
    return QCoreApplication::translate("KeychainKeyStore", "the system keychain");
}

void KeychainKeyStore::read(Callback done)
{
    readAttempt(std::move(done), m_readRetries);
}

void KeychainKeyStore::readAttempt(Callback done, int retriesLeft)
{
    auto *job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(m_account);
    runJob(job, &m_context, m_timeoutMs,
           [this, done, retriesLeft](QKeychain::Job *finished, bool timedOut) {
               if (!timedOut && finished->error() == QKeychain::NoError)
                   return done(
                       {true, static_cast<QKeychain::ReadPasswordJob *>(finished)->textData(), {}});
               if (!timedOut && finished->error() == QKeychain::EntryNotFound)
                   return done({});
               const QString error = describe(finished, timedOut);
               if (retriesLeft > 0) {
                   qCInfo(lcCredentials) << "keychain read failed, trying again:" << error;
                   QTimer::singleShot(1000, &m_context, [this, done, retriesLeft] {
                       readAttempt(done, retriesLeft - 1);
                   });
                   return;
               }
               done({false, {}, error});
           });
}

void KeychainKeyStore::write(const QString &key, Callback done)
{
    auto *job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(m_account);
    job->setTextData(key);
    runJob(job, &m_context, m_timeoutMs, [done](QKeychain::Job *finished, bool timedOut) {
        if (!timedOut && finished->error() == QKeychain::NoError)
            return done({});
        done({false, {}, describe(finished, timedOut)});
    });
}

void KeychainKeyStore::remove(Callback done)
{
    auto *job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(m_account);
    runJob(job, &m_context, m_timeoutMs, [done](QKeychain::Job *finished, bool timedOut) {
        if (!timedOut
            && (finished->error() == QKeychain::NoError
                || finished->error() == QKeychain::EntryNotFound))
            return done({});
        done({false, {}, describe(finished, timedOut)});
    });
}
