#include "emulator/routes/UploadHandler.h"

#include "emulator/routes/Exchange.h"
#include "emulator/routes/JsonBody.h"
#include "emulator/routes/UploadForm.h"
#include "emulator/server/EmulatorLogging.h"
#include "emulator/store/BufferedFileWriter.h"
#include "emulator/store/StagingArea.h"
#include "emulator/store/TreeMerger.h"
#include "emulator/store/UrlFetcher.h"
#include "emulator/store/ZipExtractor.h"

#include <QDir>
#include <QFileInfo>

#include <httplib.h>

namespace fal::emulator {

namespace {

bool queryFlag(const httplib::Request &req, const char *name)
{
    if (!req.has_param(name))
        return false;
    const QString value = QString::fromStdString(req.get_param_value(name)).trimmed().toLower();
    return value == QLatin1String("true") || value == QLatin1String("1")
        || value == QLatin1String("yes");
}

void extractInto(ServerContext &ctx, Exchange &ex, const QString &zipPath,
                 const ResolvedPath &target)
{
    if (QFileInfo(target.localPath).exists() && !QFileInfo(target.localPath).isDir()) {
        HttpResponder::detail(ex.res, 400,
                              QStringLiteral("Not a directory: %1").arg(target.apiPath()));
        return;
    }
    TempPathGuard staged(ctx.staging, ctx.staging.newTempPath(QStringLiteral("unzip")));
    if (!QDir().mkpath(staged.path())) {
        HttpResponder::detail(ex.res, 500, QStringLiteral("cannot create a staging directory"));
        return;
    }
    const ZipExtractor::Result result
        = ZipExtractor(ctx.options.zipLimits).extract(zipPath, staged.path());
    if (!result.ok) {
        HttpResponder::detail(ex.res, result.httpStatus, result.error);
        return;
    }
    if (target.isRoot()
        && QFileInfo::exists(staged.path() + QLatin1Char('/')
                             + QLatin1String(SafePathResolver::kReservedName))) {
        HttpResponder::detail(ex.res, 400,
                              QStringLiteral("ZIP entry %1 is reserved")
                                  .arg(QLatin1String(SafePathResolver::kReservedName)));
        return;
    }
    QString error;
    if (!TreeMerger::merge(staged.path(), target.localPath, ctx.staging, &error)) {
        HttpResponder::detail(ex.res, 400, error);
        return;
    }
    if (!result.skipped.isEmpty()) {
        // The answer body must stay `true`; say what was left out in a header and the log.
        ex.res.set_header("X-Fal-Emulator-Skipped",
                          result.skipped.join(QStringLiteral("; ")).toStdString());
    }
    HttpResponder::jsonTrue(ex.res);
}

void placeFile(Exchange &ex, TempPathGuard &temp, const ResolvedPath &target)
{
    QString error;
    if (!TreeMerger::ensureDirectory(QFileInfo(target.localPath).path(), &error)
        || !TreeMerger::moveFileIntoPlace(temp.path(), target.localPath, &error)) {
        HttpResponder::detail(ex.res, 400, error);
        return;
    }
    temp.release();
    HttpResponder::jsonTrue(ex.res);
}

} // namespace

void UploadHandler::uploadLocal(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!ex.resolvePath(ctx, &target))
        return;
    const bool unzip = queryFlag(ex.req, "unzip");
    if (!unzip && target.isRoot()) {
        HttpResponder::detail(ex.res, 400, QStringLiteral("A file path is required"));
        return;
    }

    TempPathGuard temp(ctx.staging, ctx.staging.newTempPath(QStringLiteral("upload")));
    BufferedFileWriter file;
    QString writeError;
    UploadForm form(ex);
    form.onFileBegin = [&](const MultipartFormParser::PartHeader &) {
        if (file.create(temp.path()))
            return true;
        writeError = file.errorString();
        return false;
    };
    form.onFileData = [&](const char *data, size_t length) {
        if (file.write(data, length))
            return true;
        writeError = file.errorString();
        return false;
    };
    switch (form.read()) {
    case UploadForm::Result::Answered:
    case UploadForm::Result::Dropped:
        return; // the guard removes the partial temporary file
    case UploadForm::Result::Aborted:
        HttpResponder::detail(ex.res, 500,
                              QStringLiteral("cannot store the upload: %1").arg(writeError));
        return;
    case UploadForm::Result::Ok:
        break;
    }
    if (!file.close()) {
        HttpResponder::detail(
            ex.res, 500, QStringLiteral("cannot store the upload: %1").arg(file.errorString()));
        return;
    }
    if (unzip) {
        extractInto(ctx, ex, temp.path(), target);
        return;
    }
    if (QFileInfo(target.localPath).isDir()) {
        HttpResponder::detail(ex.res, 400,
                              QStringLiteral("Is a directory: %1").arg(target.apiPath()));
        return;
    }
    placeFile(ex, temp, target);
}

void UploadHandler::uploadFromUrl(ServerContext &ctx, Exchange &ex)
{
    ResolvedPath target;
    if (!ex.resolvePath(ctx, &target))
        return;
    QJsonObject body;
    QString url;
    if (!JsonBody::readObject(ex, &body)
        || !JsonBody::requireString(ex, body, QStringLiteral("url"), &url))
        return;
    if (target.isRoot()) {
        HttpResponder::detail(ex.res, 400, QStringLiteral("A file path is required"));
        return;
    }
    if (QFileInfo(target.localPath).isDir()) {
        HttpResponder::detail(ex.res, 400,
                              QStringLiteral("Is a directory: %1").arg(target.apiPath()));
        return;
    }
    TempPathGuard temp(ctx.staging, ctx.staging.newTempPath(QStringLiteral("url")));
    const UrlFetcher::Result fetched = UrlFetcher::fetch(url, temp.path(), &ctx.stopping);
    if (!fetched.ok) {
        HttpResponder::detail(ex.res, 400, fetched.error);
        return;
    }
    qCDebug(lcEmulator) << "fetched" << fetched.bytes << "bytes for" << target.apiPath();
    placeFile(ex, temp, target);
}

} // namespace fal::emulator
