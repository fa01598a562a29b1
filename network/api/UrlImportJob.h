#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

#include <QUrl>

// Has the server fetch a URL into /data: POST /files/file/url/{p} {"url": ...}. The server answers
// only when it has the whole file, which can take minutes; there is no progress to show.
class UrlImportJob : public ApiJob
{
    Q_OBJECT
public:
    UrlImportJob(FilesClient *client, const QUrl &source, const RemotePath &target,
                 QObject *parent = nullptr);

    QUrl source() const { return m_source; }
    RemotePath target() const { return m_target; }

    // http(s) with a host; the reason otherwise.
    static bool isImportableUrl(const QUrl &url, QString *whyNot = nullptr);

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override { succeedIfTrue(reply); }

private:
    QUrl m_source;
    RemotePath m_target;
};
