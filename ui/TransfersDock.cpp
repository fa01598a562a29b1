#include "TransfersDock.h"

#include "TransferEngine.h"

TransfersDock::TransfersDock(TransferEngine *engine, QWidget *parent)
    : QDockWidget(tr("Transfers"), parent)
    , m_engine(engine)
{
    setObjectName(QStringLiteral("TransfersDock"));
}
