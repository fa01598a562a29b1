#pragma once

#include <QWidget>

class TransferEngine;

// Total transfer progress, speed and time left, for the main window's status bar.
class TransferStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TransferStatusWidget(TransferEngine *engine, QWidget *parent = nullptr);

private:
    TransferEngine *m_engine;
};
