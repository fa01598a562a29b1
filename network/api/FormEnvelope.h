#pragma once

#include <QByteArray>
#include <QString>

// The multipart/form-data framing of an upload: one part named "file_upload" with a file name,
// as fal's routes take it. The bytes go between head and tail; written by hand rather than with
// QHttpMultiPart so that the body can be one paced device (UploadBodyDevice).
struct FormEnvelope
{
    QByteArray boundary;
    QByteArray head; // the boundary line and the part's headers
    QByteArray tail; // the closing boundary

    static FormEnvelope forFile(const QString &fileName);
    QByteArray contentType() const { return "multipart/form-data; boundary=" + boundary; }
};
