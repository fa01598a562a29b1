#include "app/cli/DownloadCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliTransferRun.h"
#include "app/cli/ExitCode.h"
#include "network/transfer/TransferEngine.h"

#include <QDir>
#include <QFileInfo>

int DownloadCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption conflict(QStringLiteral("on-conflict"),
                                      QStringLiteral("what to do when the target exists"),
                                      QStringLiteral("answer"));
    const QCommandLineOption checksum(
        QStringLiteral("checksum"),
        QStringLiteral(
            "have the server compute each file's SHA-256 and check the download against it"));
    parser.addOptions({conflict, checksum});
    if (!parse(context, parser, args, 2))
        return ExitUsage;
    QStringList remotes = parser.positionalArguments();
    const QString localText = remotes.takeLast();
    QList<RemotePath> paths;
    for (const QString &text : std::as_const(remotes)) {
        const auto path = context.remoteArgument(text);
        if (!path)
            return ExitUsage;
        paths << *path;
    }
    if (!context.connect())
        return context.connectFailure();
    if (parser.isSet(checksum) && !context.require(ApiSurface::Operation::Checksum))
        return ExitUsage;

    QList<FileSpec> sources;
    for (const RemotePath &path : std::as_const(paths)) {
        ApiError error;
        const auto spec = context.stat(path, &error, parser.isSet(checksum));
        if (!spec) {
            if (error.kind == ApiError::Kind::NotFound)
                error.detail = QStringLiteral("no such file or folder: %1").arg(path.absolute());
            return context.fail(error, QString());
        }
        sources << *spec;
    }
    // LOCAL is a folder to download into when it says so ("x/"), exists as one, or there are
    // several sources; otherwise it is the file name for the one source.
    const QFileInfo local(localText);
    QString folder = local.absoluteFilePath();
    QString renameTo;
    if (!(localText.endsWith(QLatin1Char('/')) || local.isDir() || sources.size() > 1)) {
        folder = local.absolutePath();
        renameTo = local.fileName();
    }
    if (!QDir().mkpath(folder)) {
        context.error(QStringLiteral("cannot create the folder %1").arg(folder));
        return ExitLocal;
    }
    CliTransferRun run(context);
    if (!run.prepare(false, parser.value(conflict)))
        return ExitUsage;
    const qint64 batch = run.engine()->download(sources, folder, run.conflictPolicy(), renameTo);
    return run.wait({batch}, QStringLiteral("downloaded"));
}
