#pragma once

#include "network/api/ApiError.h"
#include "network/api/RemotePath.h"
#include "network/transfer/MultipartState.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>

// What to do when the target of a transfer already exists.
enum class ConflictPolicy { Ask, Overwrite, Skip, KeepBoth };

// One entry of the transfer queue, as the journal stores it and the views show it.
struct TransferItem
{
    enum class Direction { Upload, Download, Import };
    enum class State {
        Queued, // waiting for a free slot
        Running,
        Paused, // by the user; keeps everything needed to go on
        NeedsAttention, // waits for an answer (a conflict); does not block the queue
        Failed, // gave up; Retry goes on from what is kept
        Done,
        Cancelled,
        Skipped, // the user chose "skip" for a conflict
    };

    qint64 id = 0;
    qint64 batchId = 0; // the drop or command it came from; "apply to all" answers are per batch
    Direction direction = Direction::Upload;
    QString localPath; // upload: the source file; download: the target file
    RemotePath remotePath;
    QString sourceUrl; // import: what the server fetches
    qint64 size = -1; // -1: unknown (imports)
    QDateTime localModified; // upload: the file's mtime when queued (UTC)
    State state = State::Queued;
    qint64 bytesDone = 0;
    QString error; // why it failed or waits
    ApiError::Kind errorKind = ApiError::Kind::None;
    QString note; // what happened along the way ("resumed at 37%", "restarted: file changed")
    // Queued after the service failed: not before this time (ms since the epoch; 0 = now); or
    // running while its requests wait for the service until then. The reason is in `note`.
    // Not journalled: a restart tries at once.
    qint64 retryAtMs = 0;
    ConflictPolicy conflictPolicy = ConflictPolicy::Ask;
    MultipartState multipart; // uploads
    QString validator; // downloads: the server's ETag for the bytes kept
    QString expectedSha256; // downloads: from the listing, when it has one
    QDateTime createdAt;
    QDateTime finishedAt;
    // Which account and service the item belongs to ("endpoint keyId"): a journal shared by the
    // GUI and the CLI, or used with several keys, never resumes one account's transfer with
    // another.
    QString account;

    bool isFinished() const
    {
        return state == State::Done || state == State::Failed || state == State::Cancelled
            || state == State::Skipped;
    }
    bool isActive() const { return state == State::Queued || state == State::Running; }
    QString name() const; // what people call it: the file name
    // Whole seconds (rounded up) until a wait for the service ends; -1 when it does not wait.
    qint64 secondsUntilRetry() const;
    static QString stateName(State state); // "queued", "running", ... (journal, CLI)
    static std::optional<State> stateFromName(const QString &name);
    static QString directionName(Direction direction); // "upload", "download", "import"
    static std::optional<Direction> directionFromName(const QString &name);
    static QString conflictPolicyName(ConflictPolicy policy);
    static std::optional<ConflictPolicy> conflictPolicyFromName(const QString &name);
};

Q_DECLARE_METATYPE(TransferItem)
