#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

// What tst_filespec_accepts and tst_filespec_rejects both parse.

// The example of network/api/PROTOCOL.md, "Listing entries (FileSpec)", and a folder.
inline const QByteArray kContractExample = R"([
  {"path": "/data/models/a.bin", "name": "a.bin", "created_time": 1747900000.0,
   "updated_time": 1747900000.0, "is_file": true, "size": 1250023},
  {"path": "/data/models/sub", "name": "sub", "created_time": 1747900001.5,
   "updated_time": 1747900002.25, "is_file": false, "size": 0}
])";

inline QJsonObject object(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    Q_ASSERT(document.isObject());
    return document.object();
}
