#pragma once

#include "network/api/ApiJob.h"
#include "network/api/FileSpec.h"
#include "network/api/RemotePath.h"

#include <QList>

#include <memory>

// Lists the direct children of a folder: GET /files/list/{p}. The answer (a folder of 100,000
// entries is ~16 MB of JSON) is parsed while it arrives, on a worker thread: the bytes are handed
// over in order, a chunk at a time, to a FileSpecListStream there, which keeps only what it has
// not parsed yet. The API answers [] for a folder that does not exist; entries() is then empty,
// which the caller may read as "gone".
class ListJob : public ApiJob
{
    Q_OBJECT
public:
    ListJob(FilesClient *client, const RemotePath &folder, QObject *parent = nullptr);
    ~ListJob() override;

    RemotePath folder() const { return m_folder; }
    const QList<FileSpec> &entries() const { return m_entries; }
    // The entries, moved out: a caller that sorts them would otherwise copy 100,000 of them.
    QList<FileSpec> takeEntries() { return std::exchange(m_entries, {}); }
    // Entries of the answer that were left out (an impossible name, a path outside the folder, a
    // name listed twice), one sentence each, unescaped.
    const QStringList &skipped() const { return m_skipped; }
    // A bigger answer is refused while it arrives: a million entries are ~160 MB of JSON, and an
    // answer of a gigabyte is a broken or hostile server, not a folder.
    static constexpr qint64 kMaxListingBytes = 512LL * 1024 * 1024;
    // The bytes handed to the worker at a time: few hand-overs, little held by the way. At most
    // kChunksInFlight wait for it or are being parsed; the rest of the answer waits in the
    // socket (the reply's read buffer is as small): a server faster than the parse must not
    // make us hold its whole answer.
    static constexpr qsizetype kChunkBytes = 256 * 1024;
    static constexpr int kChunksInFlight = 2;
    // How long the worker spent parsing the last answer (for benchmarks).
    qint64 parseMicros() const { return m_parseMicros; }

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override;
    ApiError reviewError(const ApiError &error) override;
    void cleanup() override;

private:
    struct Feed;
    // Takes what the reply has; hands it to the worker once a chunk is full, or `all` of it.
    bool take(QNetworkReply *reply, bool all);
    void handOver(bool last);
    // The worker parsed a chunk, or all (then the job ends).
    void onParsed();
    void dropFeed();

    RemotePath m_folder;
    QList<FileSpec> m_entries;
    qint64 m_parseMicros = 0;
    std::shared_ptr<Feed> m_feed; // the current attempt's parse
    QByteArray m_chunk; // read and not handed over yet
    int m_handedOver = 0; // chunks given to m_feed
    qint64 m_bodyBytes = 0; // taken from the reply
    qint64 m_announced = 0; // Content-Length, 0 when not said
    bool m_tooLarge = false;
    QStringList m_skipped;
};
