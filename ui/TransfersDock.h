#pragma once

#include <QDockWidget>

class TransferEngine;

// The transfer queue as a dock: a table of every transfer with per-item controls.
class TransfersDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit TransfersDock(TransferEngine *engine, QWidget *parent = nullptr);

private:
    TransferEngine *m_engine;
};
