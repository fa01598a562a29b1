#include "network/io/UploadBodyDevice.h"

#include "network/io/BandwidthLimiter.h"

#include <cstring>

UploadBodyDevice::UploadBodyDevice(const QByteArray &head, QIODevice *payload, qint64 payloadSize,
                                   const QByteArray &tail,
                                   std::shared_ptr<BandwidthLimiter> limiter, QObject *parent)
    : QIODevice(parent)
    , m_head(head)
    , m_payload(payload)
    , m_payloadStart(payload ? payload->pos() : 0)
    , m_payloadSize(payload ? payloadSize : 0)
    , m_tail(tail)
    , m_limiter(std::move(limiter))
{
    if (m_payload)
        m_payload->setParent(this);
    m_wake.setSingleShot(true);
    m_wake.setTimerType(Qt::PreciseTimer);
    connect(&m_wake, &QTimer::timeout, this, &QIODevice::readyRead);
    QIODevice::open(ReadOnly | Unbuffered);
}

UploadBodyDevice::UploadBodyDevice(const QByteArray &head, const QByteArray &payload,
                                   const QByteArray &tail,
                                   std::shared_ptr<BandwidthLimiter> limiter, QObject *parent)
    : UploadBodyDevice(head, nullptr, 0, tail, std::move(limiter), parent)
{
    m_bytes = payload;
    m_payloadSize = payload.size();
}

bool UploadBodyDevice::seek(qint64 pos)
{
    // Qt seeks back to the start when it sends a request again on a fresh connection.
    if (pos < 0 || pos > size())
        return false;
    if (m_payload) {
        const qint64 inPayload = qBound<qint64>(0, pos - m_head.size(), m_payloadSize);
        if (!m_payload->seek(m_payloadStart + inPayload))
            return false;
    }
    return QIODevice::seek(pos);
}

qint64 UploadBodyDevice::readData(char *data, qint64 maxSize)
{
    const qint64 left = size() - pos();
    if (left <= 0)
        return 0;
    qint64 allowed = qMin(maxSize, left);
    if (m_limiter) {
        allowed = m_limiter->take(allowed);
        if (allowed == 0) {
            if (!m_wake.isActive())
                m_wake.start(m_limiter->waitMs());
            return 0; // not the end (atEnd() says so): Qt waits for readyRead()
        }
    }
    const qint64 n = readUnpaced(data, allowed);
    if (m_limiter && n < allowed)
        m_limiter->giveBack(allowed - qMax<qint64>(0, n));
    return n;
}

qint64 UploadBodyDevice::readUnpaced(char *data, qint64 maxSize)
{
    qint64 at = pos();
    qint64 done = 0;
    const qint64 headSize = m_head.size();
    if (at < headSize && done < maxSize) {
        const qint64 n = qMin(maxSize - done, headSize - at);
        memcpy(data + done, m_head.constData() + at, size_t(n));
        done += n;
        at += n;
    }
    const qint64 payloadEnd = headSize + m_payloadSize;
    while (at >= headSize && at < payloadEnd && done < maxSize) {
        const qint64 want = qMin(maxSize - done, payloadEnd - at);
        qint64 n = 0;
        if (m_payload) {
            n = m_payload->read(data + done, want);
            if (n < 0) {
                setErrorString(m_payload->errorString());
                return -1;
            }
            if (n == 0) {
                setErrorString(QStringLiteral("the file is shorter than expected (it changed)"));
                return -1;
            }
        } else {
            n = want;
            memcpy(data + done, m_bytes.constData() + (at - headSize), size_t(n));
        }
        done += n;
        at += n;
    }
    if (at >= payloadEnd && done < maxSize) {
        const qint64 n = qMin(maxSize - done, size() - at);
        memcpy(data + done, m_tail.constData() + (at - payloadEnd), size_t(n));
        done += n;
    }
    return done;
}
