#pragma once

#include "network/api/ApiError.h"

#include <QObject>

// The contract every unit of work in the client keeps, after KDE's KJob: it is started once,
// may be cancelled at any moment, and reports exactly once through finished(), with error()
// telling how it ended (Kind::None: it worked). A job that owns sub-jobs (a composite) cancels
// them with itself. The owner decides the lifetime: with autoDelete the job deletes itself after
// it has reported.
//
//   Idle ──start()──► Running ──finishWith()──► Finished  (finished() emitted)
//                        └──────cancel()──────► Finished  (Kind::Cancelled; finished() emitted
//                                                          unless cancelled Quietly)
class Job : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Finished };
    // Quietly is for an owner that drops the job as it cancels it (a paused transfer): no
    // finished() follows, as with KJob::kill(KJob::Quietly).
    enum class CancelMode { Report, Quietly };

    explicit Job(QObject *parent = nullptr);
    ~Job() override;

    void start();
    // Stops all work now. The job is Finished when cancel() returns.
    void cancel(CancelMode mode = CancelMode::Report);

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running; }
    bool isFinished() const { return m_state == State::Finished; }
    bool succeeded() const { return isFinished() && !m_error.isError(); }
    const ApiError &error() const { return m_error; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }
    bool autoDelete() const { return m_autoDelete; }

Q_SIGNALS:
    void finished(Job *job);

protected:
    // Begins the work (directly, or queued so callers may connect after start()).
    virtual void doStart() = 0;
    // Stops requests, timers and sub-jobs; called in any state but Finished. May call finishWith()
    // itself (to clean up on the way out); if it does not, the job finishes with Kind::Cancelled
    // right after.
    virtual void doCancel() = 0;
    // Ends the job: the first call wins, later ones are ignored.
    void finishWith(const ApiError &error);
    bool isCancelling() const { return m_cancelling; }

private:
    State m_state = State::Idle;
    ApiError m_error;
    bool m_cancelling = false;
    bool m_quiet = false;
    bool m_autoDelete = false;
};
