#pragma once

#include "network/api/FileSpec.h"

#include <QList>
#include <QStringList>

class DirectorySizeJob;

// What a delete would remove, counted before anyone is asked (by DirectorySizeJob), and the words
// that ask.
struct DeleteSummary
{
    static DeleteSummary fromCount(const DirectorySizeJob &count);

    QList<FileSpec> items; // what was selected
    QList<int> filesUnder; // per item: files under a folder (0 for a file)
    QList<int> foldersUnder; // per item: folders under a folder
    QList<qint64> bytesUnder; // per item: bytes of a file, or of everything under a folder
    QStringList problems; // folders that could not be counted, and why

    int totalFiles() const; // selected files + files under selected folders
    qint64 totalBytes() const;
    bool hasFolders() const;
    QString title() const; // "Delete 3 items?"
    QString text() const; // names what goes, counts, and says it is recursive and final
};
