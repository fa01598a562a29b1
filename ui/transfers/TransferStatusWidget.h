#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class TransferService;

// Total transfer progress, speed and time left, for the main window's status bar. Hidden while
// nothing moves or waits for the user (paused, needing an answer). Smoothed numbers come from the
// engine; this only formats them, four times a second.
class TransferStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit TransferStatusWidget(TransferService *transfers, QWidget *parent = nullptr);
    QString text() const;

Q_SIGNALS:
    void clicked(); // show the transfers dock

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void refresh();

    TransferService *m_transfers;
    QLabel *m_label;
    QProgressBar *m_bar;
    QTimer m_refresh;
};
