#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

// Deletes a file, or a folder with everything under it: DELETE /files/file/{p}.
class DeleteJob : public ApiJob
{
    Q_OBJECT
public:
    DeleteJob(FilesClient *client, const RemotePath &path, QObject *parent = nullptr);

    RemotePath path() const { return m_path; }

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override { succeedIfTrue(reply); }
    ApiError reviewError(const ApiError &error) override;

private:
    RemotePath m_path;
};
