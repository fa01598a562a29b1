#include "app/cli/FileSpecPrinter.h"

#include "app/cli/FileSpecJsonWriter.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include <QFileDevice>
#include <QJsonObject>

void FileSpecPrinter::printNames(QTextStream &out, const QList<FileSpec> &entries)
{
    for (const FileSpec &spec : entries)
        out << VisibleText::escaped(spec.name) << (spec.isDir() ? "/" : "") << '\n';
    out.flush();
}

void FileSpecPrinter::printLong(QTextStream &out, const QList<FileSpec> &entries)
{
    for (const FileSpec &spec : entries) {
        const QString modified = spec.updated.isValid()
            ? spec.updated.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
            : QStringLiteral("-               ");
        out << (spec.isDir() ? 'd' : '-') << "  "
            << QStringLiteral("%1").arg(
                   spec.isDir() ? QStringLiteral("-") : QString::number(spec.size), 14)
            << "  " << modified << "  " << VisibleText::escaped(spec.name)
            << (spec.isDir() ? "/" : "") << '\n';
    }
    out.flush();
}

QJsonObject FileSpecPrinter::toJson(const FileSpec &spec)
{
    QJsonObject object {
        {QStringLiteral("path"), spec.path.absolute()},
        {QStringLiteral("name"), spec.name},
        {QStringLiteral("is_file"), spec.isFile},
        {QStringLiteral("size"), double(spec.size)},
        {QStringLiteral("created_time"),
         spec.created.isValid() ? QJsonValue(spec.created.toMSecsSinceEpoch() / 1000.0)
                                : QJsonValue()},
        {QStringLiteral("updated_time"),
         spec.updated.isValid() ? QJsonValue(spec.updated.toMSecsSinceEpoch() / 1000.0)
                                : QJsonValue()},
    };
    if (!spec.checksumSha256.isEmpty())
        object.insert(QStringLiteral("checksum_sha256"), spec.checksumSha256);
    if (!spec.checksumMd5.isEmpty())
        object.insert(QStringLiteral("checksum_md5"), spec.checksumMd5);
    return object;
}

void FileSpecPrinter::printJson(QTextStream &out, const QList<FileSpec> &entries)
{
    // Streamed in pieces, byte for byte what QJsonDocument(array).toJson(Indented) gave: a
    // second document of 100,000 entries cost 180 MB and a second. escapedJson works byte by byte
    // (on characters that never straddle two entries), so escaping piece by piece is the same.
    // The pieces go to the stream's device as they are (after what the stream holds): through
    // QTextStream they were decoded to UTF-16 and encoded again, 25 MB each way.
    out.flush();
    QIODevice *device = out.device();
    const auto write = [&](const QByteArray &bytes) {
        if (device)
            device->write(bytes);
        else
            out << bytes;
    };
    constexpr qsizetype kPiece = 64 * 1024;
    QByteArray piece;
    piece.reserve(kPiece + 4096);
    piece += "[\n";
    for (qsizetype i = 0; i < entries.size(); ++i) {
        FileSpecJsonWriter::appendEntry(piece, entries.at(i));
        piece += i + 1 == entries.size() ? "\n" : ",\n";
        if (piece.size() >= kPiece) {
            write(VisibleText::escapedJson(piece));
            piece.resize(0);
        }
    }
    piece += "]\n";
    write(VisibleText::escapedJson(piece));
    out.flush();
    if (auto *file = qobject_cast<QFileDevice *>(device))
        file->flush();
}

void FileSpecPrinter::printStat(QTextStream &out, const FileSpec &spec)
{
    out << "path:     " << VisibleText::escaped(spec.path.absolute()) << '\n'
        << "type:     " << (spec.isFile ? "file" : "folder") << '\n';
    if (spec.isFile)
        out << "size:     " << TextFormat::byteCount(spec.size) << " ("
            << TextFormat::size(spec.size) << ")\n";
    if (spec.created.isValid())
        out << "created:  " << spec.created.toLocalTime().toString(Qt::ISODate) << '\n';
    if (spec.updated.isValid())
        out << "modified: " << spec.updated.toLocalTime().toString(Qt::ISODate) << '\n';
    if (!spec.checksumSha256.isEmpty())
        out << "sha256:   " << VisibleText::escaped(spec.checksumSha256) << '\n';
    if (!spec.checksumMd5.isEmpty())
        out << "md5:      " << VisibleText::escaped(spec.checksumMd5) << '\n';
    out.flush();
}
