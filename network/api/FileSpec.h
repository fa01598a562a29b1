#pragma once

#include "network/api/RemotePath.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

class QJsonObject;

// One entry of a listing or a stat answer (network/api/PROTOCOL.md, "Listing entries").
struct FileSpec
{
    RemotePath path;
    QString name;
    QDateTime created; // UTC; invalid when the server gave none
    QDateTime updated;
    bool isFile = true;
    qint64 size = 0;
    QString checksumSha256; // lower-case hex, empty when not given
    QString checksumMd5;

    bool isDir() const { return !isFile; }

    // A folder known only by its path (the root, a folder just made): named after its last
    // segment, no times, no size.
    static FileSpec folder(const RemotePath &path);

    // The fields of one entry as read from JSON, whatever parser read them: what fromFields
    // checks is then the same for QJsonObject (a stat answer) and for FileSpecListParser (a
    // listing, without a QJsonDocument).
    struct Field
    {
        enum class Kind : quint8 { Missing, Null, Bool, Number, String, Other };
        Kind kind = Kind::Missing;
        bool boolean = false;
        double number = 0;
        QString string;
    };
    struct Fields
    {
        Field path, name, isFile, size, created, updated, checksumSha256, checksumMd5;
    };

    // Accepts float seconds (REST) and ISO-8601 strings (Platform API v1) for the times.
    static std::optional<FileSpec> fromJson(const QJsonObject &object, QString *error = nullptr);
    static std::optional<FileSpec> fromFields(const Fields &fields, QString *error = nullptr);
    // A JSON array of FileSpec. An entry that is not a usable FileSpec (a name that cannot
    // exist, a wrong type, an impossible size) is left out and described in `skipped`; an answer
    // that is not an array of objects is refused as a whole. Safe to call from a worker thread.
    // Read by FileSpecListParser (simdjson), at the speed of the wire.
    static std::optional<QList<FileSpec>>
    parseList(const QByteArray &json, QString *error = nullptr, QStringList *skipped = nullptr);
};

Q_DECLARE_METATYPE(FileSpec)
