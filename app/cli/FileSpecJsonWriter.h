#pragma once

#include "network/api/FileSpec.h"

#include <QByteArray>

// One listing entry in exactly the bytes QJsonDocument::toJson(Indented) wrote for it inside the
// listing's array (keys in order, 4-space indents, Qt's number and string forms), so that
// `ls --json` can stream 100,000 entries instead of building a second document of them (320 MB
// and 1.3 s before). tst_cli_json checks the bytes against QJsonDocument.
class FileSpecJsonWriter
{
public:
    // Appends the entry, indented as an element of the top-level array, without the separator.
    static void appendEntry(QByteArray &out, const FileSpec &spec);

private:
    // Room for any number writeNumber() writes (Qt's shortest form of a double is at most 24).
    static constexpr qsizetype kNumberRoom = 32;
    // Write at `w`, into room made beforehand; return where they ended.
    static char *writeString(char *w, const QString &text);
    static char *writeNumber(char *w, double number);
};
