#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QTimer>

#include <memory>

class BandwidthLimiter;

// The body of one upload request as one device: a head, the payload (a device such as a
// FileSliceDevice or a QFile, or bytes) and a tail, e.g. a multipart/form-data envelope around
// a file. Read no faster than a BandwidthLimiter allows: Qt reads request bodies in small pieces
// (16 KiB) on the reply's thread, so returning 0 when the bucket is empty stalls just this body,
// and readyRead() after the limiter's wait starts it again. (QHttpMultiPart cannot do this: it
// loops forever on a part device that returns 0 before its end.)
class UploadBodyDevice : public QIODevice
{
    Q_OBJECT
public:
    // `payload` is opened for reading and becomes a child of this device; `payloadSize` bytes of
    // it are sent from its current position on.
    UploadBodyDevice(const QByteArray &head, QIODevice *payload, qint64 payloadSize,
                     const QByteArray &tail, std::shared_ptr<BandwidthLimiter> limiter,
                     QObject *parent = nullptr);
    UploadBodyDevice(const QByteArray &head, const QByteArray &payload, const QByteArray &tail,
                     std::shared_ptr<BandwidthLimiter> limiter, QObject *parent = nullptr);

    bool isSequential() const override { return false; }
    qint64 size() const override { return m_head.size() + m_payloadSize + m_tail.size(); }
    bool seek(qint64 pos) override;
    bool atEnd() const override { return pos() >= size(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    qint64 readUnpaced(char *data, qint64 maxSize);

    QByteArray m_head;
    QByteArray m_bytes; // the payload when it is bytes
    QIODevice *m_payload = nullptr; // the payload when it is a device
    qint64 m_payloadStart = 0;
    qint64 m_payloadSize = 0;
    QByteArray m_tail;
    // Shared: Qt may read a body after the job (and even the client) that sent it is gone.
    std::shared_ptr<BandwidthLimiter> m_limiter;
    QTimer m_wake; // the limiter's wait, then readyRead()
};
