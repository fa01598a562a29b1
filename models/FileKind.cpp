#include "models/FileKind.h"

#include <QCoreApplication>
#include <QHash>

namespace {

const QHash<QString, FileKind::Kind> &kindsByExtension()
{
    static const QHash<QString, FileKind::Kind> kinds = [] {
        QHash<QString, FileKind::Kind> map;
        auto add = [&map](FileKind::Kind kind, std::initializer_list<const char *> extensions) {
            for (const char *extension : extensions)
                map.insert(QString::fromLatin1(extension), kind);
        };
        add(FileKind::Weights,
            {"safetensors", "ckpt", "pt", "pth", "bin", "gguf", "onnx", "h5", "pb", "tflite",
             "msgpack", "ggml", "mlmodel"});
        add(FileKind::Archive,
            {"zip", "tar", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar.gz", "tar.bz2",
             "tar.xz", "tar.zst"});
        add(FileKind::Image,
            {"png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff", "svg", "avif", "heic",
             "exr", "ico"});
        add(FileKind::Video, {"mp4", "webm", "mov", "mkv", "avi", "m4v"});
        add(FileKind::Audio, {"wav", "mp3", "flac", "ogg", "m4a", "opus"});
        add(FileKind::Text,
            {"txt", "md", "json", "jsonl", "yaml", "yml", "toml", "csv", "tsv", "py", "sh", "log",
             "cfg", "ini", "xml", "html", "parquet"});
        // parquet is binary, but people read it as a table of data: the text icon fits best.
        return map;
    }();
    return kinds;
}

} // namespace

QString FileKind::extension(const QString &name)
{
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0 || dot == name.size() - 1)
        return {};
    const QString last = name.mid(dot + 1).toLower();
    const qsizetype previous = name.lastIndexOf(QLatin1Char('.'), dot - 1);
    if (previous > 0
        && name.mid(previous + 1, dot - previous - 1)
                .compare(QLatin1String("tar"), Qt::CaseInsensitive)
            == 0)
        return QStringLiteral("tar.") + last;
    return last;
}

FileKind::Kind FileKind::of(const QString &name, bool isDir)
{
    if (isDir)
        return Folder;
    return kindsByExtension().value(extension(name), Generic);
}

QString FileKind::typeName(const QString &name, bool isDir)
{
    if (isDir)
        return QCoreApplication::translate("FileKind", "Folder");
    const QString extension = FileKind::extension(name);
    const QString upper = extension.toUpper();
    switch (of(name, false)) {
    case Weights:
        if (extension == QLatin1String("safetensors"))
            return QCoreApplication::translate("FileKind", "Safetensors weights");
        if (extension == QLatin1String("gguf"))
            return QCoreApplication::translate("FileKind", "GGUF weights");
        return QCoreApplication::translate("FileKind", "%1 weights").arg(upper);
    case Archive:
        return QCoreApplication::translate("FileKind", "%1 archive").arg(upper);
    case Image:
        return QCoreApplication::translate("FileKind", "%1 image").arg(upper);
    case Video:
        return QCoreApplication::translate("FileKind", "%1 video").arg(upper);
    case Audio:
        return QCoreApplication::translate("FileKind", "%1 audio").arg(upper);
    case Text:
        return QCoreApplication::translate("FileKind", "%1 file").arg(upper);
    case Folder:
    case Generic:
        break;
    }
    return extension.isEmpty() ? QCoreApplication::translate("FileKind", "File")
                               : QCoreApplication::translate("FileKind", "%1 file").arg(upper);
}
