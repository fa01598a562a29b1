#include "app/cli/ImportUrlCommand.h"

#include "app/cli/CliContext.h"
#include "app/cli/CliTransferRun.h"
#include "app/cli/ExitCode.h"
#include "network/api/UrlImportJob.h"
#include "network/transfer/TransferEngine.h"

#include <QUrl>

int ImportUrlCommand::run(CliContext &context, const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption conflict(QStringLiteral("on-conflict"),
                                      QStringLiteral("what to do when the target exists"),
                                      QStringLiteral("answer"));
    parser.addOption(conflict);
    if (!parse(context, parser, args, 2, 2))
        return ExitUsage;
    const QUrl url(parser.positionalArguments().at(0), QUrl::StrictMode);
    QString why;
    if (!UrlImportJob::isImportableUrl(url, &why)) {
        context.error(QStringLiteral("%1: %2").arg(parser.positionalArguments().at(0), why));
        return ExitUsage;
    }
    const QString remoteText = parser.positionalArguments().at(1);
    auto remote = context.remoteArgument(remoteText);
    if (!remote)
        return ExitUsage;
    if (remoteText.endsWith(QLatin1Char('/')) || remote->isRoot()) {
        const QString name = url.fileName();
        if (!RemotePath::isValidName(name, &why)) {
            context.error(
                QStringLiteral("the URL has no usable file name (%1); give REMOTE as a file path")
                    .arg(why));
            return ExitUsage;
        }
        remote = remote->child(name);
    }
    if (!context.connect())
        return context.connectFailure();
    CliTransferRun run(context);
    if (!run.prepare(false, parser.value(conflict)))
        return ExitUsage;
    const qint64 batch = run.engine()->importUrl(url, *remote, run.conflictPolicy());
    return run.wait({batch}, QStringLiteral("imported"));
}
