#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// Turns what the user dropped (files and folders) into the list of things to upload. Runs on a
// worker thread (a folder of checkpoints can hold many thousands of files). Symlinked files are
// followed; symlinked folders are not (they can loop) and are reported, never silently dropped.
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
        QStringList notes; // things people should know that are not items (a skipped folder link)
        qint64 totalBytes = 0;
    };

    static Result scan(const QStringList &localPaths, const std::atomic_bool *cancel = nullptr);
};
