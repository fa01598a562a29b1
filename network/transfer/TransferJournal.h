#pragma once

#include "network/transfer/TransferItem.h"

#include <QList>
#include <QString>
#include <memory>

class JournalOwnerLock;

class QSqlQuery;

// The transfer queue on disk (SQLite through QtSql), so that transfers go on after a crash or a
// restart. The engine writes before and after every network step: an item when it is queued,
// the upload id when the server gives it, each part's etag when the server accepts it, a
// download's ETag before its bytes are kept.
//
// Several processes may share one journal (the GUI and the CLI): each item carries the token of
// the journal that works on it (see JournalOwnerLock), and a journal takes over only items whose
// owner is gone.
class TransferJournal
{
public:
    explicit TransferJournal(const QString &path);
    ~TransferJournal();
    TransferJournal(const TransferJournal &) = delete;
    TransferJournal &operator=(const TransferJournal &) = delete;

    // Where an app keeps its journal: the user's data directory.
    static QString defaultPath(const QString &fileName = QStringLiteral("transfers.sqlite"));

    bool open(QString *error = nullptr);
    bool isOpen() const { return m_open; }
    QString path() const { return m_path; }
    QString lastError() const { return m_lastError; }

    qint64 newBatchId();
    bool insert(QList<TransferItem> &items); // assigns ids; one transaction
    bool update(const TransferItem &item); // everything but the parts
    bool recordPart(qint64 id, int partNumber, const QString &etag);
    bool clearParts(qint64 id);
    bool remove(const QList<qint64> &ids);
    QList<TransferItem> loadAll();

    // Compare-and-swap ownership: succeeds when the item is unowned, owned by us, or owned by a
    // journal whose process no longer runs (its lock is gone).
    bool claim(qint64 id);

private:
    void releaseAll(); // on a clean shutdown (the destructor): our items are nobody's
    bool exec(QSqlQuery &query);
    bool migrate();

    QString m_path;
    QString m_connectionName;
    QString m_lastError;
    bool m_open = false;
    std::unique_ptr<JournalOwnerLock> m_owner;
};
