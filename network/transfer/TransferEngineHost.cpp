#include "network/transfer/TransferEngineHost.h"

#include "network/api/FilesClient.h"
#include "network/io/TransferWorkers.h"
#include "network/transfer/TransferJournal.h"
#include "network/transfer/TransferLog.h"

#include <QDateTime>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#endif

namespace {
constexpr int kFlushMs = 100; // progress reaches the UI at most ten times a second
constexpr int kSoonMs = 10; // a new item or a state change, a little sooner
constexpr int kTransferNice = 5; // see yieldToTheUi()
} // namespace

TransferEngineHost::TransferEngineHost(TransferService *service,
                                       const TransferService::Settings &settings)
    : m_service(service)
    , m_settings(settings)
    , m_flushTimer(this) // a child, so it moves to the engine thread with its host
{
}

// Transfers are background work: on Linux this thread, and the threads it goes on to create
// (Qt's HTTP thread for the engine's QNetworkAccessManager, the download writers, the transfer
// workers), run at nice 5, so that on a busy machine the scheduler serves the UI thread first.
// (Qt's QThread priorities do not change anything under SCHED_OTHER.)
void TransferEngineHost::yieldToTheUi()
{
#ifdef Q_OS_LINUX
    const id_t thread = id_t(::syscall(SYS_gettid));
    errno = 0;
    const int current = ::getpriority(PRIO_PROCESS, thread); // -1 is a valid nice value
    if (errno == 0 && ::setpriority(PRIO_PROCESS, thread, qMin(19, current + kTransferNice)) != 0)
        qCDebug(lcTransfers) << "cannot lower the transfer thread's priority:" << strerror(errno);
#endif
}

TransferEngineHost::~TransferEngineHost()
{
    m_engine.reset(); // before the journal it writes to and the client it uses
    m_journal.reset();
    m_client.reset();
}

void TransferEngineHost::start()
{
    yieldToTheUi();
    m_client = std::make_unique<FilesClient>();
    QString why;
    if (!m_client->setEndpoint(m_settings.endpoint, &why))
        qCWarning(lcTransfers).noquote() << "transfer endpoint refused:" << why;
    if (m_settings.surface)
        m_client->setSurface(*m_settings.surface);
    m_client->setCredentials(m_settings.credentials);
    m_client->setRetryPolicy(m_settings.retryPolicy);
    m_client->setInactivityTimeoutMs(m_settings.inactivityTimeoutMs);
    m_client->setWorkerPool(TransferWorkers::pool());
    if (!m_settings.journalPath.isEmpty()) {
        m_journal = std::make_unique<TransferJournal>(m_settings.journalPath);
        if (!m_journal->open(&why)) {
            qCWarning(lcTransfers).noquote() << why << "- transfers will not survive a restart";
            m_journal.reset();
        }
    }
    m_engine = std::make_unique<TransferEngine>(m_client.get(), m_journal.get());
    m_engine->setQuestions(this);
    if (!m_settings.account.isEmpty())
        m_engine->setAccount(m_settings.account);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &TransferEngineHost::flush);

    TransferEngine *engine = m_engine.get();
    connect(engine, &TransferEngine::itemsAdded, this, [this](const QList<qint64> &ids) {
        for (const qint64 id : ids)
            m_dirty.insert(id);
        scheduleFlush(true);
    });
    connect(engine, &TransferEngine::itemChanged, this, [this](qint64 id) {
        m_dirty.insert(id);
        const TransferItem *item = m_engine->item(id);
        scheduleFlush(item && item->state != TransferItem::State::Running); // a state change
    });
    connect(engine, &TransferEngine::itemsRemoved, this, [this](const QList<qint64> &ids) {
        m_removed += ids;
        for (const qint64 id : ids)
            m_dirty.remove(id);
        scheduleFlush(true);
    });
    connect(engine, &TransferEngine::totalsChanged, this, [this] {
        m_totalsDirty = true;
        scheduleFlush(false);
    });
    // Events that carry their own data go over at once, after the items they name.
    TransferService *service = m_service;
    connect(engine, &TransferEngine::batchReady, this,
            [this, service](qint64 batch, const QList<qint64> &ids, const QStringList &notes) {
                flush();
                QMetaObject::invokeMethod(service,
                                          [=] { service->onBatchReady(batch, ids, notes); });
            });
    connect(engine, &TransferEngine::batchFailed, this,
            [this, service](qint64 batch, const QString &error) {
                flush();
                QMetaObject::invokeMethod(service,
                                          [=] { Q_EMIT service->batchFailed(batch, error); });
            });
    connect(engine, &TransferEngine::remoteChanged, this, [service](const RemotePath &folder) {
        QMetaObject::invokeMethod(service, [=] { Q_EMIT service->remoteChanged(folder); });
    });
    connect(engine, &TransferEngine::queueIdle, this,
            [this, service](int succeeded, const QStringList &failed) {
                flush();
                QMetaObject::invokeMethod(service,
                                          [=] { Q_EMIT service->queueIdle(succeeded, failed); });
            });
    m_engine->load(true);
    flush();
}

void TransferEngineHost::scheduleFlush(bool soon)
{
    const int delay = soon ? kSoonMs : kFlushMs;
    if (!m_flushTimer.isActive() || m_flushTimer.remainingTime() > delay)
        m_flushTimer.start(delay);
}

void TransferEngineHost::flush()
{
    m_flushTimer.stop();
    TransferService::Update update;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const qint64 id : std::exchange(m_dirty, {})) {
        if (const TransferItem *item = m_engine->item(id))
            update.items.append(*item);
    }
    // Speed and time left move for every running item, reported or not.
    for (const qint64 id : m_engine->ids()) {
        const TransferItem *item = m_engine->item(id);
        if (item->state != TransferItem::State::Running)
            continue;
        const qint64 runningFor = m_engine->runningForMs(id);
        update.stats.insert(id,
                            {m_engine->bytesPerSecond(id), m_engine->secondsLeft(id),
                             runningFor > 0 ? now - runningFor : 0});
    }
    update.removed = std::exchange(m_removed, {});
    update.totals = m_engine->totals();
    m_totalsDirty = false;
    std::sort(update.items.begin(), update.items.end(),
              [](const TransferItem &a, const TransferItem &b) { return a.id < b.id; });
    TransferService *service = m_service;
    QMetaObject::invokeMethod(service,
                              [service, update = std::move(update)] { service->apply(update); });
}

void TransferEngineHost::askConflict(const TransferItem &item, qint64 existingSize,
                                     ConflictCallback answer)
{
    flush(); // the UI shows the item as waiting before it asks
    TransferService *service = m_service;
    QPointer<TransferEngineHost> self(this);
    QMetaObject::invokeMethod(service, [service, self, item, existingSize, answer] {
        if (!service->m_questions) {
            QMetaObject::invokeMethod(self.data(), [answer] {
                answer({ConflictPolicy::Skip, false});
            });
            return;
        }
        service->m_questions->askConflict(
            item, existingSize, [self, answer](TransferQuestions::ConflictAnswer reply) {
                if (self)
                    QMetaObject::invokeMethod(self.data(), [answer, reply] { answer(reply); });
            });
    });
}
