#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

// POST /files/file/multipart/{p}/{upload_id}/cancel: frees the parts stored for an upload the
// user gave up on. A 404 (already gone) counts as done.
class MultipartCancelJob : public ApiJob
{
    Q_OBJECT
public:
    MultipartCancelJob(FilesClient *client, const RemotePath &target, const QString &uploadId,
                       QObject *parent = nullptr);

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *) override { succeed(); }
    ApiError reviewError(const ApiError &error) override
    {
        return error.kind == ApiError::Kind::NotFound ? ApiError() : error;
    }

private:
    RemotePath m_target;
    QString m_uploadId;
};
