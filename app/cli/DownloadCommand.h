#pragma once

#include "app/cli/CliCommand.h"

class DownloadCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("download"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "download [--checksum] [--on-conflict=ask|overwrite|skip|keep-both] REMOTE... LOCAL");
    }
    QString summary() const override
    {
        return QStringLiteral("download files and folders (resumes an interrupted download)");
    }
    int run(CliContext &context, const QStringList &args) override;
};
