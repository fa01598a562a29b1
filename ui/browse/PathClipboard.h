#pragma once

#include "network/api/RemotePath.h"

#include <QList>
#include <QString>

// The forms a /data path is copied in. None of them ever carries the key: paths only.
class PathClipboard
{
public:
    enum class Form {
        Plain, // /data/models/x, one per line
        Python, // "/data/models/x", or ["/data/a", "/data/b"] for several
        UrlPath, // /files/file/models/x: the REST route that downloads it
    };

    static QString text(const QList<RemotePath> &paths, Form form);
    // Puts text(paths, form) on the clipboard (and the X11 selection where there is one).
    static void copy(const QList<RemotePath> &paths, Form form);
    static QString pythonString(const QString &text); // a double-quoted Python literal
};
