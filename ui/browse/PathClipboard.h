#pragma once

#include "network/api/FileSpec.h"

#include <QList>
#include <QString>

// The forms a /data path is copied in. None of them ever carries the key: paths only.
class PathClipboard
{
public:
    enum class Form {
        Plain, // /data/models/x, one per line
        Python, // "/data/models/x", or ["/data/a", "/data/b"] for several
        // The REST route that answers for it: /files/file/models/x downloads a file,
        // /files/list/models lists a folder (a folder has nothing to download).
        UrlPath,
    };

    static QString text(const QList<FileSpec> &items, Form form);
    // Puts text(items, form) on the clipboard (and the X11 selection where there is one).
    static void copy(const QList<FileSpec> &items, Form form);
    static QString pythonString(const QString &text); // a double-quoted Python literal
};
