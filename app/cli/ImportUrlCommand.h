#pragma once

#include "app/cli/CliCommand.h"

class ImportUrlCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("import-url"); }
    QStringList aliases() const override { return {QStringLiteral("upload-url")}; } // fal CLI
    QString synopsis() const override
    {
        return QStringLiteral("import-url [--on-conflict=...] URL REMOTE");
    }
    QString summary() const override
    {
        return QStringLiteral("have fal fetch a URL into /data (REMOTE/ keeps the URL's file "
                              "name); also: upload-url");
    }
    int run(CliContext &context, const QStringList &args) override;
};
