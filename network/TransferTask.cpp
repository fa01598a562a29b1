#include "TransferTask.h"

#include "NetworkLog.h"
#include "TransferJournal.h"

TransferTask::TransferTask(const TransferContext &context, TransferItem *item, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_item(item)
{
}

void TransferTask::saveItem()
{
    if (m_context.journal)
        m_context.journal->update(*m_item);
}

void TransferTask::note(const QString &text)
{
    qCInfo(lcTransfers).noquote() << m_item->name() << "-" << text;
    m_item->note = text;
    saveItem();
    Q_EMIT progressed();
}

void TransferTask::setBytesDone(qint64 bytes)
{
    m_item->bytesDone = bytes;
    Q_EMIT progressed();
}
