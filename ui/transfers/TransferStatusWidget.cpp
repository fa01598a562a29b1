#include "ui/transfers/TransferStatusWidget.h"

#include "network/text/TextFormat.h"
#include "network/transfer/TransferService.h"
#include "ui/transfers/TransfersDock.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QProgressBar>

TransferStatusWidget::TransferStatusWidget(TransferService *transfers, QWidget *parent)
    : QWidget(parent)
    , m_transfers(transfers)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
{
    setObjectName(QStringLiteral("TransferStatus"));
    setToolTip(tr("All transfers together; click to show the queue (%1)")
                   .arg(TransfersDock::toggleKey().toString(QKeySequence::NativeText)));
    setCursor(Qt::PointingHandCursor);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(120);
    m_bar->setMaximumHeight(fontMetrics().height());
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_label);
    m_refresh.setInterval(250);
    m_refresh.setSingleShot(true);
    connect(&m_refresh, &QTimer::timeout, this, &TransferStatusWidget::refresh);
    connect(transfers, &TransferService::totalsChanged, this, [this] {
        if (!m_refresh.isActive())
            m_refresh.start();
    });
    refresh();
}

QString TransferStatusWidget::text() const
{
    return m_label->text();
}

void TransferStatusWidget::refresh()
{
    const TransferEngine::Totals totals = m_transfers->totals();
    const int active = totals.running + totals.queued;
    // A paused transfer is still the user's unfinished work: it stays counted ("1 paused"), so
    // the summary does not vanish as if everything were done.
    if (active == 0 && totals.attention == 0 && totals.paused == 0) {
        setVisible(false);
        m_label->clear();
        return;
    }
    QStringList parts;
    if (active > 0)
        parts << TextFormat::transfers(active);
    if (totals.paused > 0)
        parts << tr("%Ln paused", nullptr, totals.paused);
    if (totals.bytesTotal > 0) {
        parts << tr("%1 of %2")
                     .arg(TextFormat::size(totals.bytesDone), TextFormat::size(totals.bytesTotal));
        m_bar->setValue(int(totals.bytesDone * 1000 / totals.bytesTotal));
    }
    if (const QString speed = TextFormat::speed(totals.bytesPerSecond); !speed.isEmpty())
        parts << speed;
    if (totals.secondsLeft >= 0)
        parts << tr("%1 left").arg(TextFormat::duration(totals.secondsLeft));
    if (totals.attention > 0)
        parts << tr("%Ln need(s) attention", nullptr, totals.attention);
    m_label->setText(parts.join(QStringLiteral(" · ")));
    setVisible(true);
}

void TransferStatusWidget::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        Q_EMIT clicked();
    QWidget::mouseReleaseEvent(event);
}
