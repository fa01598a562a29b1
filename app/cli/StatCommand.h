#pragma once

#include "app/cli/CliCommand.h"

class StatCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("stat"); }
    QString synopsis() const override { return QStringLiteral("stat [--checksum] [--json] PATH"); }
    QString summary() const override { return QStringLiteral("show a file's or folder's details"); }
    int run(CliContext &context, const QStringList &args) override;
};
