#pragma once

#include "network/api/ApiJob.h"
#include "network/api/FileSpec.h"

// One file's or folder's metadata: POST /files/file/exists/{p}[?calculate_checksum=true]; on the
// Platform surface, the entry in the listing of its folder.
// With checksums the server reads the whole file, so ask for them only when they are needed.
class StatJob : public ApiJob
{
    Q_OBJECT
public:
    StatJob(FilesClient *client, const RemotePath &path, bool withChecksum = false,
            QObject *parent = nullptr);

    RemotePath path() const { return m_path; }
    const FileSpec &spec() const { return m_spec; }

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override;

private:
    void findInListing(const QByteArray &listing);

    RemotePath m_path;
    bool m_withChecksum;
    FileSpec m_spec;
};
