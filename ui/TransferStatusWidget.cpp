#include "TransferStatusWidget.h"

#include "TransferEngine.h"

TransferStatusWidget::TransferStatusWidget(TransferEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
}
