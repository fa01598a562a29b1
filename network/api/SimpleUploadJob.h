#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

#include <QByteArray>
#include <QString>

// One-request upload: POST /files/file/local/{p}[?unzip=true], multipart/form-data with the bytes
// in a part named "file_upload". For files up to the multipart threshold, and for ZIPs the server
// extracts (unzip=true: a packed folder, or a new empty folder). The body streams from disk.
class SimpleUploadJob : public ApiJob
{
    Q_OBJECT
public:
    // Uploads the local file. `expectedSize` >= 0 makes the job fail with Kind::Changed when the
    // file's size differs when it is opened (it changed since it was queued).
    SimpleUploadJob(FilesClient *client, const QString &localPath, const RemotePath &target,
                    qint64 expectedSize = -1, QObject *parent = nullptr);
    // Uploads bytes held in memory (small: a ZIP built for a folder).
    SimpleUploadJob(FilesClient *client, const QByteArray &bytes, const QString &fileName,
                    const RemotePath &target, QObject *parent = nullptr);

    // With unzip the server extracts the uploaded ZIP into the *target folder*.
    void setUnzip(bool unzip) { m_unzip = unzip; }
    RemotePath target() const { return m_target; }
    QString localPath() const { return m_localPath; }

Q_SIGNALS:
    void progress(qint64 bytesSent, qint64 bytesTotal);

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override { succeedIfTrue(reply); }

private:
    QString m_localPath;
    QByteArray m_bytes;
    QString m_fileName;
    RemotePath m_target;
    qint64 m_expectedSize = -1;
    bool m_unzip = false;
};
