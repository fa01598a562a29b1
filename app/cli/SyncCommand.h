#pragma once

#include "app/cli/CliCommand.h"

struct ApiError;
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
            "make DESTINATION like SOURCE (one a local folder, the other /data/...), sending "
            "only what changed;\n      --delete also removes what SOURCE lacks, --dry-run only "
            "prints the plan");
    }
    int run(CliContext &context, const QStringList &args) override;

private:
    static bool runJob(Job *job);
    static bool waitForService(CliContext &context, const ApiError &error);
    static void printPlan(CliContext &context, const SyncPlan &plan);
    static void printResult(CliContext &context, const SyncRunner &runner);
};
