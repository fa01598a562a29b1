#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace fal::emulator {

// FileSpec objects exactly as fal's REST API sends them:
// {"path": "/data/a.bin", "name": "a.bin", "created_time": 1747900000.0,
//  "updated_time": 1747900000.0, "is_file": true, "size": 12} (+ checksums on request).
// Written by hand because QJsonDocument prints whole-number doubles without ".0", and the
// protocol has the times as floats (network/api/PROTOCOL.md, "Listing entries").
class FileSpecJson
{
public:
    struct Checksums
    {
        QByteArray sha256;
        QByteArray md5;
    };

    // `localPath` is stat()ed (following symlinks); false if it does not exist.
    static bool build(const QString &apiPath, const QString &localPath, QByteArray *out,
                      const Checksums *checksums = nullptr);
    static QByteArray array(const QList<QByteArray> &specs);

    static QByteArray string(const QString &value);
    static QByteArray number(double value); // always with a decimal point or exponent
};

} // namespace fal::emulator
