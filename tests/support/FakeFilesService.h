#pragma once

#include "tests/support/FakeNetworkAccessManager.h"

#include <QMap>
#include <QString>
#include <functional>
#include <optional>

// A fal files service in memory, answering FakeNetworkAccessManager: enough of the API for the
// transfer code to run for real (stat, multipart initiate / part / complete / cancel with the
// resume extension, downloads with Range and If-Range). A test gets the first word on every
// request (intercept) to answer it itself: a fault, a held answer, a Retry-After. Everything
// stays in this object; the emulator remains what the integration tests run against.
class FakeFilesService
{
public:
    using Intercept = std::function<std::optional<FakeResponse>(const FakeRequest &)>;

    struct Upload
    {
        QString id;
        QString path; // relative, as in the route
        qint64 chunkSize = 0;
        qint64 size = -1;
        QString contentMd5; // may be empty: an upload begun before its client knew the MD5
        QMap<int, QByteArray> parts; // part number -> bytes
    };

    // Where a FilesClient over the fake points: a name no resolver knows, so nothing could
    // reach a real network even by mistake.
    static QUrl endpoint() { return QUrl(QStringLiteral("https://files.fake.invalid")); }
    static QString md5(const QByteArray &bytes);

    FakeNetworkAccessManager::Handler handler()
    {
        return [this](const FakeRequest &request) { return handle(request); };
    }
    // The intercept first (when set and it answers), else serve().
    FakeResponse handle(const FakeRequest &request);
    // The service's own answer, whatever the intercept would say: for an intercept that wants to
    // hold or change it.
    FakeResponse serve(const FakeRequest &request);
    void setIntercept(Intercept intercept) { m_intercept = std::move(intercept); }

    void putFile(const QString &path, const QByteArray &bytes) { m_files.insert(path, bytes); }
    bool hasFile(const QString &path) const { return m_files.contains(path); }
    QByteArray file(const QString &path) const { return m_files.value(path); }
    static QByteArray etagFor(const QByteArray &bytes) { return '"' + md5(bytes).toLatin1() + '"'; }

    // An unfinished upload the service already holds (as after a client's crash); its id.
    QString addUpload(const Upload &upload);
    // The service forgets an upload (expired, or cancelled elsewhere): its parts answer 404.
    void forgetUpload(const QString &id) { m_uploads.remove(id); }
    const QMap<QString, Upload> &uploads() const { return m_uploads; }
    int uploadsCreated() const { return m_nextUpload - 1; }

private:
    FakeResponse stat(const QString &path, bool withChecksum) const;
    FakeResponse initiate(const QString &path, const FakeRequest &request);
    FakeResponse putPart(const QString &uploadId, int number, const FakeRequest &request);
    FakeResponse complete(const QString &uploadId, const FakeRequest &request);
    FakeResponse download(const QString &path, const FakeRequest &request) const;

    Intercept m_intercept;
    QMap<QString, QByteArray> m_files; // relative path -> content
    QMap<QString, Upload> m_uploads;
    int m_nextUpload = 1;
};
