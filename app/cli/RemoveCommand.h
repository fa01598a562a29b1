#pragma once

#include "app/cli/CliCommand.h"

class RemoveCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("rm"); }
    QString synopsis() const override { return QStringLiteral("rm [-r] PATH..."); }
    QString summary() const override
    {
        return QStringLiteral("delete files (-r: folders with everything in them)");
    }
    int run(CliContext &context, const QStringList &args) override;
};
