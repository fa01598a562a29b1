#pragma once

#include "app/cli/CliCommand.h"

class MoveCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("mv"); }
    QString synopsis() const override { return QStringLiteral("mv SOURCE... DESTINATION"); }
    QString summary() const override
    {
        return QStringLiteral(
            "move or rename files and folders (DESTINATION/ or several sources: into that folder)");
    }
    int run(CliContext &context, const QStringList &args) override;
};
