// DownloadJob under a bandwidth limit: how much of the reply may be taken now, the reply's read
// buffer sized to the limit, the timer that comes back when the limit allows more, and the
// reply's last bytes paced before the download ends. The rest is DownloadJob.cpp.
#include "network/api/DownloadJob.h"

#include "network/api/FilesClient.h"
#include "network/io/BandwidthLimiter.h"

#include <QNetworkReply>
#include <QTimer>
#include <utility>

void DownloadJob::replyFinishing(QNetworkReply *reply)
{
    // Under a download limit, what Qt still holds when the reply ends is paced like the rest:
    // Qt 6.4 does not always keep to the reply's read buffer size, and with both cores busy a
    // whole 3 MiB file arrived in it and passed the limit in 80 ms. Without a limit it is taken
    // at once.
    if (client()->downloadLimiter()->rate() <= 0 || !handleHeaders(reply) || m_localError.isError()
        || reply->bytesAvailable() <= 0) {
        writeAvailable(reply);
        return;
    }
    QByteArray rest = reply->readAll();
    if (refuseExtra(rest.size()))
        return;
    m_tail = std::move(rest);
    m_tailAt = 0;
}

void DownloadJob::drainTail()
{
    if (isFinished())
        return;
    while (m_tailAt < m_tail.size()) {
        qint64 want = qMin<qint64>(m_tail.size() - m_tailAt, kChunkBytes);
        want = client()->downloadLimiter()->take(want);
        if (want <= 0) {
            startPaceTimer();
            return;
        }
        m_writer->append(m_tail.mid(m_tailAt, want));
        m_tailAt += want;
        m_offset += want;
        m_receivedThisRun += want;
        madeProgress(m_offset);
        Q_EMIT progress(m_offset, m_total);
    }
    m_tail.clear();
    m_tailAt = 0;
    if (std::exchange(m_successWaits, false))
        handleSuccess(nullptr);
}

qint64 DownloadJob::readBufferFor(qint64 rate)
{
    // Under a limit, Qt reads no more than a quarter second ahead of what the limit lets this
    // job take: the socket then slows the sender (TCP) instead of bytes piling up in memory, and
    // a reply that ends holds little that must be taken at once.
    return rate > 0 ? qBound(qint64(64 * 1024), rate / 4, kReplyCap) : kReplyCap;
}

void DownloadJob::applyReadBuffer(QNetworkReply *reply)
{
    const qint64 rate = client()->downloadLimiter()->rate();
    if (rate == m_pacedRate)
        return;
    m_pacedRate = rate;
    reply->setReadBufferSize(readBufferFor(rate));
}

bool DownloadJob::takeBandwidth(QNetworkReply *reply, qint64 *want)
{
    BandwidthLimiter &limiter = *client()->downloadLimiter();
    applyReadBuffer(reply); // the limit may have changed since the last piece
    *want = limiter.take(*want);
    if (*want > 0)
        return true;
    startPaceTimer();
    return false;
}

void DownloadJob::startPaceTimer()
{
    if (!m_paceTimer) {
        m_paceTimer = new QTimer(this);
        m_paceTimer->setSingleShot(true);
        m_paceTimer->setTimerType(Qt::PreciseTimer);
        connect(m_paceTimer, &QTimer::timeout, this, [this] {
            if (m_tailAt < m_tail.size())
                drainTail();
            else if (QNetworkReply *current = currentReply())
                writeAvailable(current, kReadBudgetBytes);
        });
    }
    if (!m_paceTimer->isActive())
        m_paceTimer->start(client()->downloadLimiter()->waitMs());
}
