#include "ui/TransferSettings.h"

#include "network/transfer/TransferService.h"

#include <QFileInfo>
#include <QSettings>

namespace {
const QString kFiles = QStringLiteral("transfers/filesInFlight");
const QString kUpload = QStringLiteral("transfers/uploadBytesPerSecond");
const QString kDownload = QStringLiteral("transfers/downloadBytesPerSecond");
const QString kFolder = QStringLiteral("transfers/downloadFolder");
const QString kPack = QStringLiteral("transfers/packSmallFiles");
} // namespace

TransferSettings TransferSettings::load()
{
    const QSettings stored;
    TransferSettings settings;
    // Values from a hand-edited or older file are brought back into range, never trusted.
    settings.filesInFlight
        = qBound(1, stored.value(kFiles, kDefaultFilesInFlight).toInt(), kMaxFilesInFlight);
    settings.uploadBytesPerSecond = qMax<qint64>(0, stored.value(kUpload, 0).toLongLong());
    settings.downloadBytesPerSecond = qMax<qint64>(0, stored.value(kDownload, 0).toLongLong());
    settings.downloadFolder = stored.value(kFolder).toString();
    settings.packSmallFiles = stored.value(kPack, true).toBool();
    return settings;
}

void TransferSettings::save() const
{
    QSettings stored;
    stored.setValue(kFiles, filesInFlight);
    stored.setValue(kUpload, uploadBytesPerSecond);
    stored.setValue(kDownload, downloadBytesPerSecond);
    stored.setValue(kFolder, downloadFolder);
    stored.setValue(kPack, packSmallFiles);
}

void TransferSettings::applyTo(TransferService *service) const
{
    if (!service)
        return;
    service->setMaxFilesInFlight(filesInFlight);
    service->setPacking(packSmallFiles);
    service->setBandwidthLimits(uploadBytesPerSecond, downloadBytesPerSecond);
}

QString TransferSettings::downloadFolderOr(const QString &fallback)
{
    const QString folder = load().downloadFolder;
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : fallback;
}
