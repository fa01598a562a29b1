#include "emulator/store/StagingArea.h"

#include "emulator/store/StoreLog.h"

#include <QDir>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace fal::emulator {

StagingArea::StagingArea(const QString &reservedDir) : m_dir(reservedDir) { }

QString StagingArea::randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex());
}

bool StagingArea::prepare(QString *error)
{
    for (const QString &dir : {tmpDir(), uploadsDir(), trashDir()}) {
        if (!QDir().mkpath(dir)) {
            if (error)
                *error = QStringLiteral("cannot create %1").arg(dir);
            return false;
        }
    }
    // Whatever sits in tmp/ or trash/ belonged to requests that died with a previous process.
    for (const QString &dir : {tmpDir(), trashDir()}) {
        const QFileInfoList leftovers = QDir(dir).entryInfoList(
            QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        for (const QFileInfo &info : leftovers) {
            if (info.isDir() && !info.isSymLink())
                QDir(info.filePath()).removeRecursively();
            else
                QFile::remove(info.filePath());
        }
    }
    return true;
}

QString StagingArea::newTempPath(const QString &prefix) const
{
    return tmpDir() + QLatin1Char('/') + prefix + QLatin1Char('-') + randomHex(12);
}

bool StagingArea::discard(const QString &path, QString *error) const
{
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        return true;
    if (!info.isDir() || info.isSymLink()) {
        if (QFile::remove(path))
            return true;
        if (error)
            *error = QStringLiteral("cannot delete: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    // Renaming first makes the directory vanish from listings in one step; deleting a large
    // tree takes a while and nobody should see it half gone.
    const QString hidden = trashDir() + QLatin1Char('/') + randomHex(12);
    if (std::rename(QFile::encodeName(path).constData(), QFile::encodeName(hidden).constData())
        != 0) {
        if (error)
            *error = QStringLiteral("cannot delete: %1")
                         .arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    if (!QDir(hidden).removeRecursively())
        qCWarning(lcStore) << "could not fully remove" << hidden;
    return true;
}

TempPathGuard::~TempPathGuard()
{
    if (!m_path.isEmpty())
        m_staging.discard(m_path);
}

} // namespace fal::emulator
