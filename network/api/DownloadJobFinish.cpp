#include "network/api/DownloadJob.h"

#include "network/api/FilesClient.h"
#include "network/io/FileHasher.h"
#include "network/io/TransferWorkers.h"

#include <QCryptographicHash>
#include <QFutureWatcher>
#include <QtConcurrent>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

// The end of a download: the bytes on disk, checked, and moved into place.

void DownloadJob::finishFile()
{
    // Everything received must be on disk (and the file closed) before it is checked and moved.
    m_finishing = true;
    m_writer->close();
}

void DownloadJob::onWriterDrained()
{
    if (!m_finishing || isFinished())
        return;
    if (m_writer->hasFailed()) {
        fail(m_localError.isError()
                 ? m_localError
                 : ApiError::make(ApiError::Kind::Local,
                                  QStringLiteral("Cannot write %1").arg(m_targetPath)));
        return;
    }
    if (m_expectedSize >= 0 && m_offset != m_expectedSize) {
        fail(ApiError::make(ApiError::Kind::Integrity,
                            QStringLiteral("%1 has %2 bytes, expected %3")
                                .arg(m_source.absolute(), QString::number(m_offset),
                                     QString::number(m_expectedSize))));
        return;
    }
    if (m_expectedSha256.isEmpty()) {
        finishFileVerified();
        return;
    }
    Q_EMIT verifying();
    const QString expected = m_expectedSha256;
    auto *watcher = new QFutureWatcher<FileHasher::Result>(this);
    connect(
        watcher, &QFutureWatcher<FileHasher::Result>::finished, this, [this, watcher, expected] {
            const FileHasher::Result result = watcher->result();
            watcher->deleteLater();
            if (!result.error.isEmpty()) {
                fail(ApiError::make(ApiError::Kind::Local, result.error));
                return;
            }
            if (result.hex != expected) {
                QFile::remove(
                    tempPath()); // wrong bytes are worth nothing; the next try starts clean
                fail(ApiError::make(
                    ApiError::Kind::Integrity,
                    QStringLiteral("the checksum of the downloaded %1 does not match the server's")
                        .arg(m_source.absolute())));
                return;
            }
            finishFileVerified();
        });
    watcher->setFuture(QtConcurrent::run(TransferWorkers::pool(), [path = tempPath()] {
        return FileHasher::hashFile(path, QCryptographicHash::Sha256);
    }));
}

void DownloadJob::finishFileVerified()
{
    // Only a plain file (or nothing) is replaced: never a link, a folder or a device that
    // appeared at the target while the bytes came.
    struct stat target
    {
    };
    if (::lstat(QFile::encodeName(m_targetPath).constData(), &target) == 0
        && !S_ISREG(target.st_mode)) {
        fail(ApiError::make(ApiError::Kind::Local,
                            QStringLiteral("%1 is not a plain file (a link, a folder or a device); "
                                           "it was not replaced")
                                .arg(m_targetPath)));
        return;
    }
    // rename(2) replaces the target in one step: readers see the old file or the new one.
    if (std::rename(QFile::encodeName(tempPath()).constData(),
                    QFile::encodeName(m_targetPath).constData())
        != 0) {
        fail(ApiError::make(ApiError::Kind::Local,
                            QStringLiteral("Cannot move the download into place at %1: %2")
                                .arg(m_targetPath, QString::fromLocal8Bit(strerror(errno)))));
        return;
    }
    succeed();
}

void DownloadJob::cleanup()
{
    // A temporary file that never got a byte (a failed start, a 404, a cancel) is worth nothing:
    // removed while we still hold its lock.
    if (m_writer && !succeeded() && m_offset == 0 && m_writer->pending() == 0)
        ::unlink(QFile::encodeName(tempPath()).constData());
    m_writer.reset(); // what is queued is dropped; the file stays a correct prefix; unlocks
}
