#pragma once

#include <QMap>
#include <QString>

// What must survive a crash for a multipart upload to go on where it stopped: written to the
// transfer journal before and after every network step.
struct MultipartState
{
    QString uploadId; // empty: not initiated yet
    qint64 partSize = 0;
    QMap<int, QString> parts; // part number -> etag the server gave
    QString contentMd5; // the whole local file's MD5, once known

    bool isStarted() const { return !uploadId.isEmpty(); }
};
