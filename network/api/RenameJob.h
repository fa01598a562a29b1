#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

// Moves or renames a file or a folder: POST /files/rename/{p} {"destination": "/data/..."}.
// The server answers 409 when the destination exists; callers ask the user before that.
class RenameJob : public ApiJob
{
    Q_OBJECT
public:
    RenameJob(FilesClient *client, const RemotePath &from, const RemotePath &to,
              QObject *parent = nullptr);

    RemotePath from() const { return m_from; }
    RemotePath to() const { return m_to; }

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override { succeedIfTrue(reply); }

private:
    RemotePath m_from;
    RemotePath m_to;
};
