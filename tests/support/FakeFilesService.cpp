#include "tests/support/FakeFilesService.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRegularExpression>

namespace {

const QString kFile = QStringLiteral("/files/file/");
const QString kExists = QStringLiteral("/files/file/exists/");
const QString kMultipart = QStringLiteral("/files/file/multipart/");

// The bytes of the one field of a multipart/form-data body (what MultipartPartJob sends).
std::optional<QByteArray> formField(const FakeRequest &request)
{
    const QByteArray type = request.header("Content-Type");
    const qsizetype at = type.indexOf("boundary=");
    if (at < 0)
        return std::nullopt;
    const QByteArray boundary = "--" + type.mid(at + 9).trimmed();
    const QByteArray &body = request.body;
    if (!body.startsWith(boundary))
        return std::nullopt;
    const qsizetype start = body.indexOf("\r\n\r\n");
    const qsizetype end = body.lastIndexOf(QByteArray("\r\n" + boundary + "--"));
    if (start < 0 || end < start + 4)
        return std::nullopt;
    return body.mid(start + 4, end - start - 4);
}

} // namespace

QString FakeFilesService::md5(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Md5).toHex());
}

QString FakeFilesService::addUpload(const Upload &upload)
{
    Upload added = upload;
    if (added.id.isEmpty())
        added.id = QStringLiteral("upload-%1").arg(m_nextUpload++);
    m_uploads.insert(added.id, added);
    return added.id;
}

FakeResponse FakeFilesService::handle(const FakeRequest &request)
{
    if (m_intercept) {
        if (std::optional<FakeResponse> answer = m_intercept(request))
            return *answer;
    }
    return serve(request);
}

FakeResponse FakeFilesService::serve(const FakeRequest &request)
{
    const QString path = request.path();
    if (request.method == "POST" && path.startsWith(kExists))
        return stat(path.mid(kExists.size()),
                    request.query().queryItemValue(QStringLiteral("calculate_checksum"))
                        == QLatin1String("true"));
    if (path.startsWith(kMultipart)) {
        const QString rest = path.mid(kMultipart.size());
        if (request.method == "POST" && rest.endsWith(QLatin1String("/initiate")))
            return initiate(rest.chopped(9), request);
        static const QRegularExpression action(
            QStringLiteral("^(.+)/([A-Za-z0-9._~-]+)/(\\d+|complete|cancel)$"));
        const auto match = action.match(rest);
        if (match.hasMatch()) {
            const QString id = match.captured(2);
            const QString what = match.captured(3);
            if (request.method == "PUT" && what.front().isDigit())
                return putPart(id, what.toInt(), request);
            if (request.method == "POST" && what == QLatin1String("complete"))
                return complete(id, request);
            if (request.method == "POST" && what == QLatin1String("cancel")) {
                m_uploads.remove(id);
                return FakeResponse::json(QByteArray("true"));
            }
        }
    }
    if (request.method == "GET" && path.startsWith(kFile))
        return download(path.mid(kFile.size()), request);
    return FakeResponse::httpError(400,
                                   QStringLiteral("the fake service has no route for %1 %2")
                                       .arg(QString::fromLatin1(request.method), path));
}

FakeResponse FakeFilesService::stat(const QString &path, bool withChecksum) const
{
    if (!m_files.contains(path))
        return FakeResponse::httpError(404, QStringLiteral("File not found: /data/%1").arg(path));
    const QByteArray &bytes = m_files[path];
    QJsonObject spec {{QStringLiteral("path"), QString(QStringLiteral("/data/") + path)},
                      {QStringLiteral("name"), path.section(QLatin1Char('/'), -1)},
                      {QStringLiteral("is_file"), true},
                      {QStringLiteral("size"), double(bytes.size())}};
    if (withChecksum)
        spec.insert(QStringLiteral("checksum_sha256"),
                    QString::fromLatin1(
                        QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    return FakeResponse::json(spec);
}

FakeResponse FakeFilesService::initiate(const QString &path, const FakeRequest &request)
{
    const QJsonObject body = request.json();
    const qint64 chunkSize = body.value(QLatin1String("chunk_size")).toInteger();
    const qint64 size = body.value(QLatin1String("size")).toInteger(-1);
    const QString contentMd5 = body.value(QLatin1String("content_md5")).toString();
    Upload *upload = nullptr;
    if (!contentMd5.isEmpty()) {
        // The resume extension, as the emulator has it: an unfinished upload of the same file
        // (path, part size, size, and the MD5 unless it began without one) is answered again.
        for (Upload &candidate : m_uploads) {
            if (candidate.path == path && candidate.chunkSize == chunkSize && candidate.size == size
                && (candidate.contentMd5 == contentMd5 || candidate.contentMd5.isEmpty())) {
                candidate.contentMd5 = contentMd5;
                upload = &candidate;
                break;
            }
        }
    }
    if (!upload) {
        Upload fresh;
        fresh.path = path;
        fresh.chunkSize = chunkSize;
        fresh.size = size;
        fresh.contentMd5 = contentMd5;
        upload = &m_uploads[addUpload(fresh)];
    }
    QJsonArray parts;
    for (auto it = upload->parts.cbegin(); it != upload->parts.cend(); ++it)
        parts.append(QJsonObject {{QStringLiteral("part_number"), it.key()},
                                  {QStringLiteral("etag"), md5(it.value())}});
    return FakeResponse::json(
        QJsonObject {{QStringLiteral("upload_id"), upload->id}, {QStringLiteral("parts"), parts}});
}

FakeResponse FakeFilesService::putPart(const QString &uploadId, int number,
                                       const FakeRequest &request)
{
    if (!m_uploads.contains(uploadId))
        return FakeResponse::httpError(404, QStringLiteral("Upload not found: %1").arg(uploadId));
    const std::optional<QByteArray> bytes = formField(request);
    if (!bytes)
        return FakeResponse::httpError(400, QStringLiteral("no file_upload field in the form"));
    m_uploads[uploadId].parts.insert(number, *bytes);
    return FakeResponse::json(QJsonObject {{QStringLiteral("part_number"), number},
                                           {QStringLiteral("etag"), md5(*bytes)}});
}

FakeResponse FakeFilesService::complete(const QString &uploadId, const FakeRequest &request)
{
    if (!m_uploads.contains(uploadId))
        return FakeResponse::httpError(404, QStringLiteral("Upload not found: %1").arg(uploadId));
    const Upload upload = m_uploads.value(uploadId);
    QByteArray whole;
    for (const QJsonValue &value : request.json().value(QLatin1String("parts")).toArray()) {
        const QJsonObject part = value.toObject();
        const int number = part.value(QLatin1String("part_number")).toInt();
        if (!upload.parts.contains(number)
            || md5(upload.parts[number]) != part.value(QLatin1String("etag")).toString())
            return FakeResponse::httpError(
                400, QStringLiteral("part %1 is missing or differs").arg(number));
        whole += upload.parts[number];
    }
    if (upload.size >= 0 && whole.size() != upload.size)
        return FakeResponse::httpError(
            400,
            QStringLiteral("the parts make %1 bytes, not %2").arg(whole.size()).arg(upload.size));
    m_uploads.remove(uploadId);
    m_files.insert(upload.path, whole);
    return FakeResponse::json(QJsonObject {{QStringLiteral("etag"), md5(whole)}});
}

FakeResponse FakeFilesService::download(const QString &path, const FakeRequest &request) const
{
    if (!m_files.contains(path))
        return FakeResponse::httpError(404, QStringLiteral("File not found: /data/%1").arg(path));
    const QByteArray &bytes = m_files[path];
    const QByteArray etag = etagFor(bytes);
    const QByteArray range = request.header("Range");
    const QByteArray ifRange = request.header("If-Range");
    if (range.startsWith("bytes=") && range.endsWith('-')
        && (ifRange.isEmpty() || ifRange == etag)) {
        const qint64 from = range.mid(6).chopped(1).toLongLong();
        if (from >= bytes.size())
            return FakeResponse::httpError(416, QStringLiteral("Range not satisfiable"));
        FakeResponse partial;
        partial.status = 206;
        partial.body = bytes.mid(from);
        partial.withHeader("ETag", etag)
            .withHeader("Content-Range",
                        "bytes " + QByteArray::number(from) + '-'
                            + QByteArray::number(bytes.size() - 1) + '/'
                            + QByteArray::number(bytes.size()));
        return partial;
    }
    // No range, or a version other than the one the client kept: the whole file.
    FakeResponse whole;
    whole.body = bytes;
    whole.withHeader("ETag", etag);
    return whole;
}
