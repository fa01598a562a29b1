#pragma once

#include "network/transfer/TransferService.h"

#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>

class FilesClient;
class TransferJournal;

// The engine's side of TransferService: created on the engine thread, it owns the client, the
// journal and the engine there, gathers what changed, and sends it to the service in batches.
class TransferEngineHost : public QObject, public TransferQuestions
{
    Q_OBJECT
public:
    TransferEngineHost(TransferService *service, const TransferService::Settings &settings);
    ~TransferEngineHost() override;

    void start(); // on the engine thread: open the journal, load it, begin reporting
    TransferEngine *engine() const { return m_engine.get(); }
    void flush(); // send what changed now

    // TransferQuestions: asked on the engine thread, answered on the UI thread, answered back here.
    void askConflict(const TransferItem &item, qint64 existingSize,
                     ConflictCallback answer) override;

private:
    static void yieldToTheUi();
    void scheduleFlush(bool soon);

    TransferService *m_service;
    TransferService::Settings m_settings;
    std::unique_ptr<FilesClient> m_client;
    std::unique_ptr<TransferJournal> m_journal;
    std::unique_ptr<TransferEngine> m_engine;
    QSet<qint64> m_dirty;
    QList<qint64> m_removed;
    bool m_totalsDirty = false;
    QTimer m_flushTimer;
};
