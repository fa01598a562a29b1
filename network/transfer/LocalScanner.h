#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>

// Turns what the user dropped (files and folders) into the list of things to upload. Runs on a
// worker thread (a folder of checkpoints can hold many thousands of files).
//
// Symbolic links. What was dropped (or named on the command line) is the person's own choice and
// is followed, link or not. Inside a dropped folder:
// - a link to a file in that folder is uploaded as the file it points to (read through the
//   resolved path, so it is the file that was checked);
// - a link to a file outside it is skipped and counted in a note ("2 links skipped"): a dataset
//   must not carry ~/.ssh/id_ed25519 off the machine because someone linked it in;
// - a link to a folder is skipped and reported (following it could loop or duplicate a tree);
// - a link that points nowhere is skipped and reported.
// With `followLinksOut` (the CLI's --follow-symlinks) links to files outside are uploaded too,
// and links to folders are followed, except one leading back into a folder being walked (a
// loop), which is reported. Nothing is ever silently dropped.
class LocalScanner
{
public:
    struct Entry
    {
        QString localPath;
        QString relativePath; // '/'-separated, starting with the dropped item's own name
        bool isDir = false; // only empty folders are listed: others come with their files
        qint64 size = 0;
        QDateTime modified; // UTC
        QString problem; // set when the entry cannot be uploaded as it is (shown as a failed item)
    };
    struct Result
    {
        QList<Entry> entries;
        QStringList notes; // things people should know that are not items (skipped links)
        qint64 totalBytes = 0;
        int linksOutSkipped = 0; // links to files outside the dropped folder, not uploaded
    };
    struct Options
    {
        bool followLinksOut = false;
    };

    static Result scan(const QStringList &localPaths);
    static Result scan(const QStringList &localPaths, const Options &options,
                       const std::atomic_bool *cancel = nullptr);
};
