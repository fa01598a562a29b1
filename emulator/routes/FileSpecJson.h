#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace fal::emulator {

class ApiSurface;
class DirectoryScan;

// FileSpec objects exactly as fal's REST API sends them:
// {"path": "/data/a.bin", "name": "a.bin", "created_time": 1747900000.0,
//  "updated_time": 1747900000.0, "is_file": true, "size": 12} (+ checksums on request).
// Written by hand because QJsonDocument prints whole-number doubles without ".0", and the
// protocol has the times as floats (network/api/PROTOCOL.md, "Listing entries").
// The Platform API v1 sends the same keys with the times as ISO-8601 UTC strings, to the
// millisecond: "2025-05-22T07:46:40.123Z".
class FileSpecJson
{
public:
    struct Checksums
    {
        QByteArray sha256;
        QByteArray md5;
    };

    // `localPath` is stat()ed (following symlinks); false if it does not exist. `surface`
    // decides the form of the times.
    static bool build(const ApiSurface &surface, const QString &apiPath, const QString &localPath,
                      QByteArray *out, const Checksums *checksums = nullptr);
    static QByteArray array(const QList<QByteArray> &specs);
    // A whole listing answer, `[spec, spec, ...]` in the scan's order, written straight into one
    // buffer: the same bytes build() and array() would make of the same entries (what a
    // 100,000-entry folder used to cost 1.8 s for).
    static QByteArray listing(const ApiSurface &surface, const QString &folderApiPath,
                              const DirectoryScan &scan);

    static QByteArray string(const QString &value);
    static QByteArray number(double value); // always with a decimal point or exponent
    // v1's time: milliseconds since the epoch as "YYYY-MM-DDThh:mm:ss.mmmZ".
    static QString isoTime(qint64 msecsSinceEpoch);
};

} // namespace fal::emulator
