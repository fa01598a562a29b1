#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

#include <QMap>

// POST /files/file/multipart/{p}/initiate -> {"upload_id": ...}. Sends the resume extension's body
// (chunk_size, size, and content_md5 when known); a server that has an unfinished upload of the
// same file answers its id and the parts it holds.
class MultipartInitiateJob : public ApiJob
{
    Q_OBJECT
public:
    MultipartInitiateJob(FilesClient *client, const RemotePath &target, qint64 partSize,
                         qint64 fileSize, const QString &contentMd5, QObject *parent = nullptr);

    QString uploadId() const { return m_uploadId; }
    const QMap<int, QString> &storedParts() const { return m_storedParts; } // part number -> etag

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override;

private:
    RemotePath m_target;
    qint64 m_partSize;
    qint64 m_fileSize;
    QString m_contentMd5;
    QString m_uploadId;
    QMap<int, QString> m_storedParts;
};
