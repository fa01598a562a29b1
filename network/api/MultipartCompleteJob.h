#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

#include <QMap>

// POST /files/file/multipart/{p}/{upload_id}/complete with the parts sorted by number; answers
// the whole file's etag, which the caller compares with the local MD5.
class MultipartCompleteJob : public ApiJob
{
    Q_OBJECT
public:
    MultipartCompleteJob(FilesClient *client, const RemotePath &target, const QString &uploadId,
                         const QMap<int, QString> &parts, QObject *parent = nullptr);

    QString etag() const { return m_etag; }

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override;

private:
    RemotePath m_target;
    QString m_uploadId;
    QMap<int, QString> m_parts;
    QString m_etag;
};
