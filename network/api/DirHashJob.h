#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

// Asks whether a remote folder holds exactly the content a hash stands for:
// POST /files/dir/check_hash/{p} {"hash": "<sha256 hex>"} -> true/false. The hash is fal's
// sync_dir() hash of a local folder (FileHasher::hashFolder); the server compares it with the
// .fal_hash that sync_dir stores inside the folder.
class DirHashJob : public ApiJob
{
    Q_OBJECT
public:
    DirHashJob(FilesClient *client, const RemotePath &folder, const QString &sha256Hex,
               QObject *parent = nullptr);

    bool matches() const { return m_matches; }

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override;

private:
    RemotePath m_folder;
    QString m_hash;
    bool m_matches = false;
};
