#pragma once

#include "app/cli/CliCommand.h"

class UploadCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("upload"); }
    QString synopsis() const override
    {
        return QStringLiteral(
            "upload [--on-conflict=ask|overwrite|skip|keep-both] [--follow-symlinks] LOCAL... "
            "REMOTE");
    }
    QString summary() const override
    {
        return QStringLiteral(
            "upload files and folders (resumes an interrupted upload of the same file)");
    }
    int run(CliContext &context, const QStringList &args) override;
};
