#include "network/account/FileKeyStore.h"

#include "network/account/AccountLog.h"
#include "network/io/AtomicFile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
}

FileKeyStore::FileKeyStore(QString path) : m_path(std::move(path)) { }

QString FileKeyStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
        + QStringLiteral("/api-key");
}

QString FileKeyStore::description() const
{
    return QCoreApplication::translate("FileKeyStore",
                                       "a file only you can read (%1, permissions 0600)")
        .arg(QDir::toNativeSeparators(m_path));
}

void FileKeyStore::read(Callback done)
{
    QFile file(m_path);
    if (!file.exists())
        return done({});
    if (file.permissions() & ~(kOwnerOnly | QFileDevice::ReadUser | QFileDevice::WriteUser)) {
        // Someone loosened it; take it back before reading rather than refuse the person's key.
        qCWarning(lcCredentials) << m_path << "was readable by others; setting it to 0600";
        file.setPermissions(kOwnerOnly);
    }
    if (!file.open(QIODevice::ReadOnly))
        return done(
            {false, {}, QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString())});
    done({true, QString::fromUtf8(file.readAll()).trimmed(), {}});
}

void FileKeyStore::write(const QString &key, Callback done)
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return done({false, {}, QStringLiteral("cannot create %1").arg(info.absolutePath())});
    QFile::setPermissions(info.absolutePath(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    // Written whole beside the old one and renamed over it: a full disk or a crash leaves the
    // old key, never half of one (and the file is 0600 from its first byte).
    QString error;
    if (!AtomicFile::write(m_path, key.toUtf8() + '\n', &error, 0600))
        return done({false, {}, error});
    done({});
}

void FileKeyStore::remove(Callback done)
{
    if (QFile::exists(m_path) && !QFile::remove(m_path))
        return done({false, {}, QStringLiteral("cannot remove %1").arg(m_path)});
    done({});
}
