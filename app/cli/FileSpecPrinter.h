#pragma once

#include "network/api/FileSpec.h"

#include <QJsonObject>
#include <QTextStream>

// How the CLI shows listings: plain names, a long table, JSON (fal's own FileSpec form). What
// the server said is printed with control characters escaped (VisibleText), JSON included.
struct FileSpecPrinter
{
    static void printNames(QTextStream &out, const QList<FileSpec> &entries);
    static void printLong(QTextStream &out, const QList<FileSpec> &entries);
    static void printJson(QTextStream &out, const QList<FileSpec> &entries);
    static void printStat(QTextStream &out, const FileSpec &spec);
    static QJsonObject toJson(const FileSpec &spec);
};
