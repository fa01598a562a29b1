#pragma once

#include <QFrame>
#include <QTimer>

class QLabel;
class QPushButton;
class TransferService;

// A message bar over the transfer queue, as KMessageWidget is in KDE: "2 transfers failed: <the
// first reason>" and Retry All. Failures are said where the user looks, not only in a row that may
// be scrolled away or a tooltip. Hidden while nothing has failed.
class TransferFailureBar : public QFrame
{
    Q_OBJECT
public:
    explicit TransferFailureBar(TransferService *transfers, QWidget *parent = nullptr);
    QString text() const;
    QPushButton *retryAllButton() const { return m_retryAll; }

private:
    void scheduleRefresh();
    void refresh();
    void retryAll();

    TransferService *m_transfers;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_retryAll;
    QTimer m_refresh;
};
