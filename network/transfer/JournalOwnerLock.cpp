#include "network/transfer/JournalOwnerLock.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QUuid>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

JournalOwnerLock::JournalOwnerLock(const QString &journalPath)
    : m_folder(journalPath + QStringLiteral(".owners"))
{
}

JournalOwnerLock::~JournalOwnerLock()
{
    if (m_fd < 0)
        return;
    ::unlink(QFile::encodeName(fileFor(m_token)).constData());
    ::close(m_fd); // the lock goes with the descriptor
}

QString JournalOwnerLock::fileFor(const QString &token) const
{
    return m_folder + QLatin1Char('/') + token + QStringLiteral(".lock");
}

bool JournalOwnerLock::acquire(QString *error)
{
    if (m_fd >= 0)
        return true;
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!QDir().mkpath(m_folder))
        return fail(QStringLiteral("Cannot create %1").arg(m_folder));
    const QString token = QUuid::createUuid().toString(QUuid::Id128);
    // Locked under a temporary name, then renamed into place: no one ever sees the token's file
    // unlocked and takes its owner for dead.
    const QByteArray temp = QFile::encodeName(m_folder + QStringLiteral("/.new-") + token);
    const int fd
        = ::open(temp.constData(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return fail(QStringLiteral("Cannot create a lock in %1: %2")
                        .arg(m_folder, QString::fromLocal8Bit(std::strerror(errno))));
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0
        || ::rename(temp.constData(), QFile::encodeName(fileFor(token)).constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        ::unlink(temp.constData());
        ::close(fd);
        return fail(QStringLiteral("Cannot lock in %1: %2").arg(m_folder, why));
    }
    m_fd = fd;
    m_token = token;
    return true;
}

bool JournalOwnerLock::isAlive(const QString &token) const
{
    if (token.isEmpty())
        return false;
    if (token == m_token)
        return true;
    static const QRegularExpression form(QStringLiteral("^[0-9a-f]{32}$"));
    if (!form.match(token).hasMatch())
        return false; // not a token we write: nobody holds it
    const QByteArray path = QFile::encodeName(fileFor(token));
    const int fd = ::open(path.constData(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return false; // gone: its owner ended cleanly, or someone found it dead
    const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
    if (!held)
        ::unlink(path.constData()); // dead: tidy up (we hold its lock while we do)
    ::close(fd);
    return held;
}
