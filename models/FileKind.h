#pragma once

#include <QString>

// What kind of thing an entry of /data is, judged by its name: drives the icon and the "Type"
// column. ML stores are mostly weights, datasets and generated images, so those get their own
// kinds.
class FileKind
{
public:
    enum Kind { Folder, Weights, Archive, Image, Video, Audio, Text, Generic };

    static Kind of(const QString &name, bool isDir);
    // "Folder", "Safetensors weights", "PNG image", "GZ archive", "File"…
    static QString typeName(const QString &name, bool isDir);
    // The lower-case extension, with the compound ones an archive may carry ("tar.gz").
    static QString extension(const QString &name);
};
