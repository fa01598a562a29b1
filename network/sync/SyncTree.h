#pragma once

#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

// One side of a sync as the planner compares it: every file by its path relative to the synced
// folder ('/'-separated), every folder, and what was left out.
struct SyncFile
{
    qint64 size = 0;
    qint64 mtimeMs = 0; // local: the file's mtime; remote: the listing's updated_time
    QString sha256; // lower-case hex when known (a listing may carry it)
    QString localPath; // local side: the file to read (a link inside the folder: its target)
};

struct SyncTree
{
    QMap<QString, SyncFile> files; // sorted, so that plans and their output are stable
    QSet<QString> dirs;
    // Folders holding something excluded (and excluded folders themselves): never removed whole
    // by --delete, since what the rules keep out of a sync must also be safe from it.
    QSet<QString> keepDirs;
    QStringList notes; // what was left out and why (links, devices), for people
    QString error; // the side could not be read at all

    void keepAncestorsOf(const QString &path, bool includingSelf);
};

inline void SyncTree::keepAncestorsOf(const QString &path, bool includingSelf)
{
    if (includingSelf)
        keepDirs.insert(path);
    for (qsizetype slash = path.lastIndexOf(QLatin1Char('/')); slash > 0;
         slash = path.lastIndexOf(QLatin1Char('/'), slash - 1)) {
        keepDirs.insert(path.left(slash));
    }
}
