#pragma once

#include "app/cli/CliCommand.h"

class ListCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("ls"); }
    QStringList aliases() const override { return {QStringLiteral("list")}; }
    QString synopsis() const override { return QStringLiteral("ls [-l] [--json] [PATH]"); }
    QString summary() const override
    {
        return QStringLiteral("list a folder (default /data); also: list");
    }
    int run(CliContext &context, const QStringList &args) override;
};
