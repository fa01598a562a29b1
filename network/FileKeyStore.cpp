#include "FileKeyStore.h"

#include "NetworkLog.h"

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
    const QString temporary = m_path + QStringLiteral(".new");
    QFile::remove(temporary);
    QFile file(temporary);
    // Created 0600 from the first byte (QFile::open with permissions creates it so).
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kOwnerOnly))
        return done(
            {false, {}, QStringLiteral("cannot write %1: %2").arg(temporary, file.errorString())});
    const QByteArray bytes = key.toUtf8() + '\n';
    const bool written = file.write(bytes) == bytes.size() && file.flush();
    file.close();
    if (!written || !QFile::setPermissions(temporary, kOwnerOnly)) {
        QFile::remove(temporary);
        return done({false, {}, QStringLiteral("cannot write %1").arg(temporary)});
    }
    QFile::remove(m_path);
    if (!QFile::rename(temporary, m_path)) {
        QFile::remove(temporary);
        return done({false, {}, QStringLiteral("cannot replace %1").arg(m_path)});
    }
    done({});
}

void FileKeyStore::remove(Callback done)
{
    if (QFile::exists(m_path) && !QFile::remove(m_path))
        return done({false, {}, QStringLiteral("cannot remove %1").arg(m_path)});
    done({});
}
