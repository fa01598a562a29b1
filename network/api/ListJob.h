#pragma once

#include "network/api/ApiJob.h"
#include "network/api/FileSpec.h"
#include "network/api/RemotePath.h"

#include <QList>

// Lists the direct children of a folder: GET /files/list/{p}. The answer is parsed on a worker
// thread (a folder of 100,000 entries is ~15 MB of JSON). The API answers [] for a folder that
// does not exist; entries() is then empty, which the caller may read as "gone".
class ListJob : public ApiJob
{
    Q_OBJECT
public:
    ListJob(FilesClient *client, const RemotePath &folder, QObject *parent = nullptr);

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
    // How long the worker spent parsing the last answer (for benchmarks).
    qint64 parseMicros() const { return m_parseMicros; }

protected:
    QNetworkReply *sendAttempt() override;
    void handleSuccess(QNetworkReply *reply) override;
    ApiError reviewError(const ApiError &error) override;

private:
    void readInto(QNetworkReply *reply);

    RemotePath m_folder;
    QList<FileSpec> m_entries;
    qint64 m_parseMicros = 0;
    QByteArray m_body; // the answer, reserved at its announced length so that it never regrows
    qint64 m_bodyBytes = 0;
    bool m_tooLarge = false;
    QStringList m_skipped;
};
