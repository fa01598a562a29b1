#include "ui/transfers/TransferFailureBar.h"

#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferService.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QStyle>

namespace {
using State = TransferItem::State;
// Long enough for a server's sentence, short enough that the bar never widens the dock.
constexpr int kReasonChars = 90;
} // namespace

TransferFailureBar::TransferFailureBar(TransferService *transfers, QWidget *parent)
    : QFrame(parent)
    , m_transfers(transfers)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_retryAll(new QPushButton(tr("Retry All"), this))
{
    setObjectName(QStringLiteral("TransferFailureBar"));
    setFrameShape(QFrame::StyledPanel);
    // The palette's own colours (dark mode too), with a warm background as KMessageWidget's error.
    setAutoFillBackground(true);
    QPalette colours = palette();
    const QColor base = colours.color(QPalette::Window);
    colours.setColor(
        QPalette::Window,
        QColor::fromRgbF(base.redF() * 0.75 + 0.25, base.greenF() * 0.85, base.blueF() * 0.85));
    setPalette(colours);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(QIcon::fromTheme(QStringLiteral("dialog-error"),
                                       style()->standardIcon(QStyle::SP_MessageBoxCritical))
                          .pixmap(iconSize, iconSize));
    m_text->setObjectName(QStringLiteral("failureText"));
    m_text->setTextFormat(Qt::PlainText);
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_retryAll->setObjectName(QStringLiteral("retryAllButton"));
    m_retryAll->setIcon(QIcon::fromTheme(QStringLiteral("view-refresh")));
    m_retryAll->setToolTip(tr("Try every failed transfer again"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 6, 3);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retryAll);
    connect(m_retryAll, &QPushButton::clicked, this, &TransferFailureBar::retryAll);

    // The engine may report thousands of changes a second; the bar looks again a few times.
    m_refresh.setInterval(250);
    m_refresh.setSingleShot(true);
    connect(&m_refresh, &QTimer::timeout, this, &TransferFailureBar::refresh);
    connect(transfers, &TransferService::itemChanged, this, &TransferFailureBar::scheduleRefresh);
    connect(transfers, &TransferService::itemsAdded, this, &TransferFailureBar::scheduleRefresh);
    connect(transfers, &TransferService::itemsRemoved, this, &TransferFailureBar::scheduleRefresh);
    refresh();
}

QString TransferFailureBar::text() const
{
    return m_text->text();
}

void TransferFailureBar::scheduleRefresh()
{
    if (!m_refresh.isActive())
        m_refresh.start();
}

void TransferFailureBar::refresh()
{
    int failed = 0;
    QString first;
    for (const qint64 id : m_transfers->ids()) {
        const TransferItem *item = m_transfers->item(id);
        if (!item || item->state != State::Failed)
            continue;
        if (++failed == 1) {
            const QString reason = item->error.section(QLatin1Char('\n'), 0, 0).trimmed();
            first = VisibleText::escaped(reason.isEmpty() ? item->name() : reason);
        }
    }
    if (failed == 0) {
        hide();
        m_text->clear();
        return;
    }
    const QString sentence
        = TextFormat::plural(
              "TransferFailureBar",
              QT_TRANSLATE_N_NOOP("TransferFailureBar", "%Ln transfer(s) failed: %1"), failed)
              .arg(first);
    m_text->setToolTip(sentence);
    m_text->setText(sentence.size() > kReasonChars
                        ? sentence.left(kReasonChars - 1) + QChar(0x2026) // …
                        : sentence);
    show();
}

void TransferFailureBar::retryAll()
{
    for (const qint64 id : m_transfers->ids()) {
        if (const TransferItem *item = m_transfers->item(id); item && item->state == State::Failed)
            m_transfers->retry(id);
    }
}
