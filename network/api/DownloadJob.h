#pragma once

#include "network/api/ApiJob.h"
#include "network/api/RemotePath.h"

#include "network/io/ChunkWriter.h"

#include <QFile>
#include <QString>
#include <QTimer>
#include <memory>

// Downloads one file: GET /files/file/{p}, streamed to a temporary file beside the target (see
// tempPathFor()),
// resumed with Range (+ If-Range with the server's ETag) after a drop or a restart, checked
// (size, and a checksum when one is known), then renamed over the target in one step. The target
// path never holds a partial file, and a lock on the temporary file keeps a second writer
// (another process) off it. The bytes are written by a ChunkWriter thread, never the UI thread.
class DownloadJob : public ApiJob
{
    Q_OBJECT
public:
    DownloadJob(FilesClient *client, const RemotePath &source, const QString &targetPath,
                QObject *parent = nullptr);

    // The ETag a previous run saw; with it, the bytes already in the temporary file are kept
    // when the server confirms (206) that the file has not changed.
    void setResumeValidator(const QString &etag) { m_validator = etag; }
    void setExpectedSize(qint64 size) { m_expectedSize = size; }
    void setExpectedSha256(const QString &hex) { m_expectedSha256 = hex.toLower(); }

    RemotePath source() const { return m_source; }
    QString targetPath() const { return m_targetPath; }
    QString tempPath() const { return tempPathFor(m_targetPath); }
    // ".<name>.falpart\\<hash>" in the target's folder: hidden, on the same file system (the
    // final rename is one step), and a name no listing can hold, since remote names never
    // contain a backslash (RemotePath::isValidName). So it never is, nor replaces, a file of the
    // download itself, whatever the folder holds ("x" and "x.falpart" both download fine).
    static QString tempPathFor(const QString &targetPath);
    QString validator() const { return m_validator; }
    qint64 bytesReceivedThisRun() const
    {
        return m_receivedThisRun;
    } // excludes bytes kept from before
    qint64 resumedFrom() const { return m_resumedFrom; }

Q_SIGNALS:
    void progress(qint64 bytesDone, qint64 bytesTotal);
    // The server named the file's version: worth writing down before more bytes arrive.
    void validatorKnown(const QString &etag, qint64 totalSize);
    // Kept bytes had to be thrown away (the file changed on the server, or no validator).
    void restarted(const QString &reason);
    void verifying();
    // The server sends another size than the listing promised: the download stopped (nothing
    // is kept). A retry that accepts the new size may use it.
    void sizeChanged(qint64 newSize);

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override;
    ApiError reviewError(const ApiError &error) override;
    void replyFinishing(QNetworkReply *reply) override;
    void resetAttempt() override;
    void cleanup() override;

private:
    bool openTemp(ApiError *error);
    bool handleHeaders(QNetworkReply *reply);
    // Writes what the reply holds; with a budget, at most that much now and the rest next turn.
    void writeAvailable(QNetworkReply *reply, qint64 budget = -1);
    void finishFile();
    void finishFileVerified();
    void onWriterProgress(qint64 written);
    void onWriterDrained();
    void restartFile();
    void abortWithLocalError(const QString &message);
    // The client's download limit: how much of `*want` may be taken now; false (and the pace
    // timer started) when nothing may.
    bool takeBandwidth(QNetworkReply *reply, qint64 *want);
    void startPaceTimer();
    // The reply's last bytes under a limit, handed to the writer as the limit allows; the
    // download ends (handleSuccess) once they are all in.
    void drainTail();
    // More bytes than the file has: a broken or hostile server. True (and the download set to
    // fail, what came thrown away) when `size` more would pass the size promised.
    bool refuseExtra(qint64 size);
    void applyReadBuffer(QNetworkReply *reply);
    static qint64 readBufferFor(qint64 rate);

    // Bytes are taken out of the reply as they arrive (readyRead) and handed to a ChunkWriter,
    // which writes them on its own thread (see DownloadJob.cpp for the sizes' measurements).
    static constexpr qint64 kChunkBytes = 256 * 1024; // from malloc's heap: no fresh pages
    static constexpr qint64 kReplyCap = 8 * 1024 * 1024; // unread bytes Qt may hold
    static constexpr qint64 kReadBudgetBytes = 8 * 1024 * 1024; // taken per event-loop turn

    RemotePath m_source;
    QString m_targetPath;
    QString m_validator;
    QString m_expectedSha256;
    qint64 m_expectedSize = -1;
    qint64 m_total = -1;
    qint64 m_offset = 0; // bytes received for the temp file (on disk or queued to the writer)
    qint64 m_resumedFrom = -1;
    qint64 m_receivedThisRun = 0;
    bool m_headersHandled = false;
    ApiError m_localError;
    std::unique_ptr<ChunkWriter> m_writer; // the temporary file, written on its own thread
    bool m_finishing = false;
    QTimer *m_paceTimer = nullptr; // made at the first wait for the bandwidth limit
    QByteArray m_tail; // what the reply still held when it ended, under a limit
    qsizetype m_tailAt = 0; // how much of m_tail went to the writer
    bool m_successWaits = false; // handleSuccess came before the tail was in
    qint64 m_pacedRate = -1; // the limit the reply's read buffer was sized for
};
