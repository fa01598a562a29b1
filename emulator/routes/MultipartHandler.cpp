#include "emulator/routes/MultipartHandler.h"

#include "emulator/routes/Exchange.h"
#include "emulator/routes/JsonBody.h"
#include "emulator/routes/MultipartFormParser.h"
#include "emulator/routes/UploadForm.h"
#include "emulator/store/MultipartStore.h"
#include "emulator/store/MultipartUpload.h"
#include "emulator/store/PartNumber.h"
#include "emulator/store/PartWriter.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <httplib.h>

namespace fal::emulator {

namespace {

bool readUploadPath(ServerContext &ctx, Exchange &ex, ResolvedPath *target)
{
    if (!ex.resolvePath(ctx, target))
        return false;
    if (target->isRoot()) {
        HttpResponder::detail(ex.res, 400, QStringLiteral("A file path is required"));
        return false;
    }
    return true;
}

bool isInteger(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() == double(v.toInteger());
}

} // namespace

void MultipartHandler::initiate(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!readUploadPath(ctx, ex, &target))
        return;
    QJsonObject body;
    bool present = false;
    if (!JsonBody::readObject(ex, &body, true, &present))
        return;
    if (QFileInfo(target.localPath).isDir()) {
        HttpResponder::detail(ex.res, 400,
                              QStringLiteral("Is a directory: %1").arg(target.apiPath()));
        return;
    }

    MultipartStore::InitiateRequest request;
    request.hasBody = present;
    if (present) {
        const QJsonValue chunk = body.value(QStringLiteral("chunk_size"));
        const QJsonValue md5 = body.value(QStringLiteral("content_md5"));
        const QJsonValue size = body.value(QStringLiteral("size"));
        if (!chunk.isUndefined() && !chunk.isNull()) {
            if (!isInteger(chunk) || chunk.toInteger() <= 0
                || chunk.toInteger() > PartWriter::kMaxPartSize) {
                HttpResponder::validation(
                    ex.res, {QStringLiteral("body"), QStringLiteral("chunk_size")},
                    QStringLiteral("chunk_size must be an integer from 1 to %1")
                        .arg(PartWriter::kMaxPartSize),
                    QStringLiteral("value_error"));
                return;
            }
            request.chunkSize = chunk.toInteger();
        }
        if (!md5.isUndefined() && !md5.isNull()) {
            static const QRegularExpression hex(QStringLiteral("^[0-9a-fA-F]{32}$"));
            if (!md5.isString() || !hex.match(md5.toString()).hasMatch()) {
                HttpResponder::validation(ex.res,
                                          {QStringLiteral("body"), QStringLiteral("content_md5")},
                                          QStringLiteral("content_md5 must be 32 hex digits"),
                                          QStringLiteral("value_error"));
                return;
            }
            request.contentMd5 = md5.toString().toLower().toLatin1();
        }
        if (!size.isUndefined() && !size.isNull()) {
            if (!isInteger(size) || size.toInteger() < 0) {
                HttpResponder::validation(ex.res, {QStringLiteral("body"), QStringLiteral("size")},
                                          QStringLiteral("size must be a non-negative integer"),
                                          QStringLiteral("value_error"));
                return;
            }
            request.size = size.toInteger();
        }
        if (request.chunkSize > 0
            && request.size > request.chunkSize * MultipartStore::kMaxPartNumber) {
            HttpResponder::detail(ex.res, 400,
                                  QStringLiteral("size needs more than %1 parts of chunk_size")
                                      .arg(MultipartStore::kMaxPartNumber));
            return;
        }
    }

    QString error;
    const auto upload = ctx.multipart.initiate(target.relative, request, &error);
    if (!upload) {
        HttpResponder::detail(ex.res, 500, error);
        return;
    }
    QJsonObject answer {{QStringLiteral("upload_id"), upload->id}};
    if (present) {
        QJsonArray parts;
        for (const auto &[number, etag] : upload->storedEtags())
            parts.append(QJsonObject {{QStringLiteral("part_number"), number},
                                      {QStringLiteral("etag"), QString::fromLatin1(etag)}});
        answer.insert(QStringLiteral("parts"), parts);
    }
    HttpResponder::json(ex.res, 200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

void MultipartHandler::uploadPart(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!readUploadPath(ctx, ex, &target))
        return;
    int number = 0;
    switch (PartNumber::fromText(ex.partNumber, &number)) {
    case PartNumber::Parse::Ok:
        break;
    case PartNumber::Parse::NotInteger:
        HttpResponder::validation(ex.res, {QStringLiteral("path"), QStringLiteral("part_number")},
                                  QStringLiteral("value is not a valid integer"),
                                  QStringLiteral("type_error.integer"));
        return;
    case PartNumber::Parse::OutOfRange:
        HttpResponder::detail(
            ex.res, 400,
            QStringLiteral("Part number must be between %1 and %2")
                .arg(QString::number(PartNumber::kMin), QString::number(PartNumber::kMax)));
        return;
    }
    const auto upload = ctx.multipart.find(QString::fromStdString(ex.uploadId), target.relative);
    if (!upload) {
        HttpResponder::detail(ex.res, 404, QStringLiteral("Upload not found"));
        return;
    }

    PartWriter writer(upload, number);
    PartWriter::Outcome outcome = PartWriter::Outcome::Ok;
    QString error;
    UploadForm form(ex);
    form.onFileBegin = [&](const MultipartFormParser::PartHeader &) {
        outcome = writer.begin(&error);
        return outcome == PartWriter::Outcome::Ok;
    };
    form.onFileData = [&](const char *data, size_t length) { return writer.write(data, length); };
    switch (form.read()) {
    case UploadForm::Result::Answered:
    case UploadForm::Result::Dropped:
        return; // the writer abandons the part: it is not stored
    case UploadForm::Result::Aborted:
        if (outcome == PartWriter::Outcome::Ok)
            outcome = PartWriter::Outcome::Error; // a write failed
        break;
    case UploadForm::Result::Ok: {
        QByteArray etag;
        outcome = writer.finish(&etag, &error);
        if (outcome == PartWriter::Outcome::Ok) {
            const QJsonObject answer {{QStringLiteral("part_number"), number},
                                      {QStringLiteral("etag"), QString::fromLatin1(etag)}};
            HttpResponder::json(ex.res, 200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
            return;
        }
        break;
    }
    }
    switch (outcome) {
    case PartWriter::Outcome::Gone:
        HttpResponder::detail(ex.res, 404, QStringLiteral("Upload not found"));
        break;
    case PartWriter::Outcome::Busy: // retryable; 409 would make fal's client give up silently
        HttpResponder::detail(ex.res, 503, error);
        break;
    case PartWriter::Outcome::TooLarge:
        HttpResponder::detail(ex.res, 413, error);
        break;
    default:
        HttpResponder::detail(ex.res, 500,
                              error.isEmpty() ? QStringLiteral("cannot store part") : error);
    }
}

void MultipartHandler::complete(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!readUploadPath(ctx, ex, &target))
        return;
    QJsonObject body;
    if (!JsonBody::readObject(ex, &body))
        return;
    const QJsonValue partsValue = body.value(QStringLiteral("parts"));
    if (partsValue.isUndefined() || partsValue.isNull()) {
        HttpResponder::missingField(ex.res, {QStringLiteral("body"), QStringLiteral("parts")});
        return;
    }
    if (!partsValue.isArray()) {
        HttpResponder::validation(ex.res, {QStringLiteral("body"), QStringLiteral("parts")},
                                  QStringLiteral("value is not a valid list"),
                                  QStringLiteral("type_error.list"));
        return;
    }
    QList<QPair<int, QByteArray>> listed;
    const QJsonArray parts = partsValue.toArray();
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QJsonObject part = parts.at(i).toObject();
        const QJsonValue number = part.value(QStringLiteral("part_number"));
        const QJsonValue etag = part.value(QStringLiteral("etag"));
        const QJsonArray loc {QStringLiteral("body"), QStringLiteral("parts"), int(i)};
        if (!parts.at(i).isObject()) {
            HttpResponder::validation(ex.res, loc, QStringLiteral("value is not a valid dict"),
                                      QStringLiteral("type_error.dict"));
            return;
        }
        int partNumber = 0;
        const PartNumber::Parse parsed = PartNumber::fromJson(number, &partNumber);
        if (parsed != PartNumber::Parse::Ok) {
            QJsonArray where = loc;
            where.append(QStringLiteral("part_number"));
            if (number.isUndefined())
                HttpResponder::missingField(ex.res, where);
            else if (parsed == PartNumber::Parse::NotInteger)
                HttpResponder::validation(ex.res, where,
                                          QStringLiteral("value is not a valid integer"),
                                          QStringLiteral("type_error.integer"));
            else
                HttpResponder::validation(
                    ex.res, where,
                    QStringLiteral("ensure this value is from %1 to %2")
                        .arg(QString::number(PartNumber::kMin), QString::number(PartNumber::kMax)),
                    QStringLiteral("value_error.number.not_in_range"));
            return;
        }
        if (!etag.isString()) {
            QJsonArray where = loc;
            where.append(QStringLiteral("etag"));
            if (etag.isUndefined())
                HttpResponder::missingField(ex.res, where);
            else
                HttpResponder::validation(ex.res, where, QStringLiteral("str type expected"),
                                          QStringLiteral("type_error.str"));
            return;
        }
        listed.append({partNumber, etag.toString().toLatin1()});
    }
    const MultipartStore::CompleteResult result
        = ctx.multipart.complete(QString::fromStdString(ex.uploadId), target, listed);
    if (result.status != 200) {
        HttpResponder::detail(ex.res, result.status, result.error);
        return;
    }
    const QJsonObject answer {{QStringLiteral("etag"), QString::fromLatin1(result.etag)}};
    HttpResponder::json(ex.res, 200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

void MultipartHandler::cancel(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!readUploadPath(ctx, ex, &target))
        return;
    if (ex.body.drain() == BodyReader::Status::Dropped)
        return;
    if (!ctx.multipart.cancel(QString::fromStdString(ex.uploadId), target.relative)) {
        HttpResponder::detail(ex.res, 404, QStringLiteral("Upload not found"));
        return;
    }
    HttpResponder::jsonTrue(ex.res);
}

} // namespace fal::emulator
