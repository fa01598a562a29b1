#pragma once

#include "app/cli/CliCommand.h"

class ImportUrlCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("import-url"); }
    QString synopsis() const override
    {
        return QStringLiteral("import-url [--on-conflict=...] URL REMOTE");
    }
    QString summary() const override
    {
        return QStringLiteral(
            "have fal fetch a URL into /data (REMOTE/ keeps the URL's file name)");
    }
    int run(CliContext &context, const QStringList &args) override;
};
