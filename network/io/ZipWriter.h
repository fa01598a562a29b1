#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

// Builds ZIP archives (libarchive) for the server to extract (upload with unzip=true): a new empty
// folder (the API has no mkdir) or many small files packed into one request.
class ZipWriter
{
public:
    // A ZIP holding only the directory entries given ("a/", "a/b/"), in memory.
    static QByteArray directories(const QStringList &relativeDirs, QString *error = nullptr);

    struct FileEntry
    {
        QString localPath;
        QString archivePath; // '/'-separated, relative
    };
    // Packs files into `zipPath` (stored, not compressed: weights and images do not shrink, and
    // the CPU is better spent on the wire). Runs on a worker thread.
    static bool packFiles(const QList<FileEntry> &files, const QStringList &emptyDirs,
                          const QString &zipPath, QString *error = nullptr);
};
