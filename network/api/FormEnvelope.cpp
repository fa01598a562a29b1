#include "network/api/FormEnvelope.h"

#include <QRandomGenerator>

FormEnvelope FormEnvelope::forFile(const QString &fileName)
{
    // The file name travels in a quoted header parameter: strip what could break out of it.
    QString safeName = fileName;
    safeName.remove(QLatin1Char('"')).remove(QLatin1Char('\r')).remove(QLatin1Char('\n'));
    FormEnvelope envelope;
    envelope.boundary
        = "fal-files-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    envelope.head = "--" + envelope.boundary
        + "\r\nContent-Disposition: form-data; name=\"file_upload\"; filename=\""
        + safeName.toUtf8() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    envelope.tail = "\r\n--" + envelope.boundary + "--\r\n";
    return envelope;
}
