#include "network/api/Job.h"

#include "network/api/ApiLog.h"

Job::Job(QObject *parent) : QObject(parent) { }

Job::~Job() = default;

void Job::start()
{
    if (m_state != State::Idle) {
        qCWarning(lcNetwork) << metaObject()->className() << "started twice; ignored";
        return;
    }
    m_state = State::Running;
    doStart();
}

void Job::cancel(CancelMode mode)
{
    if (m_state == State::Finished || m_cancelling)
        return;
    m_cancelling = true;
    m_quiet = mode == CancelMode::Quietly;
    doCancel(); // also when Idle: a job may hold resources before start() (a part read ahead)
    finishWith(ApiError::make(ApiError::Kind::Cancelled, QString()));
}

void Job::finishWith(const ApiError &error)
{
    if (m_state == State::Finished)
        return;
    m_state = State::Finished;
    m_error = error;
    if (!m_quiet)
        Q_EMIT finished(this);
    if (m_autoDelete)
        deleteLater();
}
