#include "network/api/SimpleUploadJob.h"

#include "network/api/FilesClient.h"
#include "network/text/TextFormat.h"

#include <QFile>
#include <QFileInfo>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>

SimpleUploadJob::SimpleUploadJob(FilesClient *client, const QString &localPath,
                                 const RemotePath &target, qint64 expectedSize, QObject *parent)
    : ApiJob(client, parent)
    , m_localPath(localPath)
    , m_fileName(QFileInfo(localPath).fileName())
    , m_target(target)
    , m_expectedSize(expectedSize)
{
}

SimpleUploadJob::SimpleUploadJob(FilesClient *client, const QByteArray &bytes,
                                 const QString &fileName, const RemotePath &target, QObject *parent)
    : ApiJob(client, parent), m_bytes(bytes), m_fileName(fileName), m_target(target)
{
}

QNetworkReply *SimpleUploadJob::sendAttempt()
{
    if (m_target.isRoot() && !m_unzip) {
        fail(ApiError::make(ApiError::Kind::BadRequest,
                            QStringLiteral("a file needs a name below /data")));
        return nullptr;
    }
    auto *form = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart part;
    // The file name travels in a quoted header parameter: strip what could break out of it.
    QString safeName = m_fileName;
    safeName.remove(QLatin1Char('"')).remove(QLatin1Char('\r')).remove(QLatin1Char('\n'));
    part.setHeader(
        QNetworkRequest::ContentDispositionHeader,
        QStringLiteral("form-data; name=\"file_upload\"; filename=\"%1\"").arg(safeName).toUtf8());
    part.setHeader(QNetworkRequest::ContentTypeHeader,
                   QByteArrayLiteral("application/octet-stream"));
    qint64 total = m_bytes.size();
    if (!m_localPath.isEmpty()) {
        auto *file = new QFile(m_localPath, form);
        if (!file->open(QIODevice::ReadOnly)) {
            const QString why = file->errorString();
            delete form;
            fail(ApiError::make(ApiError::Kind::Local,
                                QStringLiteral("Cannot read %1: %2").arg(m_localPath, why)));
            return nullptr;
        }
        total = file->size();
        if (m_expectedSize >= 0 && total != m_expectedSize) {
            delete form;
            fail(ApiError::make(ApiError::Kind::Changed,
                                QStringLiteral("%1 changed size since it was queued (%2 → %3)")
                                    .arg(m_localPath, QString::number(m_expectedSize),
                                         TextFormat::byteCount(total))));
            return nullptr;
        }
        part.setBodyDevice(file);
    } else {
        part.setBody(m_bytes);
    }
    form->append(part);

    QUrlQuery query;
    if (m_unzip)
        query.addQueryItem(QStringLiteral("unzip"), QStringLiteral("true"));
    QNetworkReply *reply = client()->network()->post(
        client()->request(QStringLiteral("/files/file/local"), m_target, {}, query), form);
    form->setParent(reply);
    connect(reply, &QNetworkReply::uploadProgress, this,
            [this, total](qint64 sent, qint64 bodyTotal) {
                // The form adds a few hundred bytes of headers; report file bytes.
                const qint64 overhead = qMax<qint64>(0, bodyTotal - total);
                Q_EMIT progress(qBound<qint64>(0, sent - overhead, total), total);
            });
    return reply;
}
