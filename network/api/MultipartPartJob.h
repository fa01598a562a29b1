#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

// PUT /files/file/multipart/{p}/{upload_id}/{n}: one part, multipart/form-data with the bytes in
// "file_upload" (filename "chunk"), read into memory first (startBuffered()) or streamed from the
// file (start()). Answers the part's etag (its MD5).
class MultipartPartJob : public ApiJob
{
    Q_OBJECT
public:
    MultipartPartJob(FilesClient *client, const RemotePath &target, const QString &uploadId,
                     int partNumber, const QString &localPath, qint64 offset, qint64 length,
                     QObject *parent = nullptr);

    // Reads the part into memory on a worker thread, then sends it from there: Qt hands a
    // QByteArray body to its network thread without copying or cross-thread reads, which makes
    // the upload several times cheaper in CPU than streaming from a device. For parts up to
    // kMaxBufferedPart; larger parts (files above ~156 GiB) stream with start().
    void startBuffered();
    static constexpr qint64 kMaxBufferedPart = 16 * 1024 * 1024;

    int partNumber() const { return m_partNumber; }
    qint64 length() const { return m_length; }
    QString etag() const { return m_etag; }

Q_SIGNALS:
    void progress(qint64 bytesSent, qint64 length);

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override;
    void resetAttempt() override { Q_EMIT progress(0, m_length); }
    void cleanup() override;

private:
    RemotePath m_target;
    QString m_uploadId;
    int m_partNumber;
    QString m_localPath;
    qint64 m_offset;
    qint64 m_length;
    QString m_etag;
    QByteArray m_body; // the whole multipart/form-data body, when buffered
    QByteArray m_boundary;
    qint64 m_headerBytes = 0;
};
