#pragma once

#include "app/cli/CliCommand.h"

class TransfersCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("transfers"); }
    QString synopsis() const override
    {
        return QStringLiteral("transfers [--resume | --clear] [--json]");
    }
    QString summary() const override
    {
        return QStringLiteral("list the transfer queue; --resume runs what is unfinished, --clear "
                              "forgets what is finished");
    }
    int run(CliContext &context, const QStringList &args) override;
};
