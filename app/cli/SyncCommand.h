#pragma once

#include "app/cli/CliCommand.h"

class Job;
class SyncPlan;
class SyncRunner;

// `sync`: makes a /data folder the same as a local one, or the reverse (network/sync).
class SyncCommand : public CliCommand
{
public:
    QString name() const override { return QStringLiteral("sync"); }
    QString synopsis() const override
    {
        return QStringLiteral("sync [--dry-run] [--delete] [--checksum] [--exclude PATTERN]... "
                              "[--no-fal-hash] [--json] SOURCE DESTINATION");
    }
    QString summary() const override
    {
        return QStringLiteral(
            "copy what is new or changed from SOURCE to DESTINATION, one local, the other a "
            "/data path (--delete also removes what SOURCE lacks; --dry-run only shows the plan)");
    }
    int run(CliContext &context, const QStringList &args) override;

private:
    static bool runJob(Job *job);
    static void printPlan(CliContext &context, const SyncPlan &plan);
    static void printResult(CliContext &context, const SyncRunner &runner);
};
