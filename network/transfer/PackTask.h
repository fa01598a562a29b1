#pragma once

#include "network/transfer/TransferTask.h"

#include <QPointer>
#include <QSet>
#include <QTemporaryDir>
#include <memory>

class ApiJob;

// Many small uploads of one drop in a single request: the files are packed into a ZIP (stored,
// on a worker), sent to their common folder with unzip=true, and the server extracts them there,
// checking each entry's CRC-32. Then the folders are listed and every file's size checked. What
// cannot go in the pack (its target exists and the answer is not "overwrite", it changed, or it
// cannot be read) is handed back to the queue to go the one-file way, where it gets its question
// or its clear error: each item is reported by itemFinished() or itemReturned().
// tests/bench/small_files_bench.py measures when this wins.
class PackTask : public TransferTask
{
    Q_OBJECT
public:
    static constexpr qint64 kMaxFileSize = 1024 * 1024; // files this small are packed
    static constexpr qint64 kMaxPackBytes = 64 * 1024 * 1024; // per request
    static constexpr int kMaxPackFiles = 2000;
    static constexpr int kMinPackFiles = 4; // fewer go one by one

    // `members` all upload to folders under `base`; the first is the task's item().
    PackTask(const TransferContext &context, const QList<TransferItem *> &members,
             const RemotePath &base, QObject *parent = nullptr);
    ~PackTask() override;

    QList<TransferItem *> items() const override { return m_members; }

protected:
    void doStart() override;
    void doCancel() override;

private:
    void listFolders(bool verifying);
    void checkConflicts();
    void pack();
    void upload();
    void verify();
    void giveBack(TransferItem *item, const QString &why);
    void failAll(const ApiError &error);
    void reportItem(TransferItem *item, const ApiError &error);

    QList<TransferItem *> m_members;
    RemotePath m_base;
    QHash<RemotePath, QHash<QString, qint64>> m_listed; // folder -> name -> size (-1 folder)
    int m_listingsPending = 0;
    ApiError m_listError;
    std::unique_ptr<QTemporaryDir> m_scratch;
};
