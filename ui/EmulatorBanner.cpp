#include "ui/EmulatorBanner.h"

#include "ui/browse/FileIconProvider.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>

EmulatorBanner::EmulatorBanner(QWidget *parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_signIn(new QPushButton(tr("Sign in…"), this))
{
    setObjectName(QStringLiteral("EmulatorBanner"));
    setFrameShape(QFrame::NoFrame);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_signIn->setIcon(FileIconProvider::named(QStringLiteral("network-connect")));
    m_signIn->setToolTip(tr("Use your fal key to open your own /data"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_signIn);
    connect(m_signIn, &QPushButton::clicked, this, &EmulatorBanner::signInRequested);
    updateColors();
}

void EmulatorBanner::setMessage(const QString &text)
{
    m_text->setText(text);
}

QString EmulatorBanner::message() const
{
    return m_text->text();
}

void EmulatorBanner::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange)
        updateColors();
}

void EmulatorBanner::updateColors()
{
    m_icon->setPixmap(FileIconProvider::named(QStringLiteral("dialog-information")).pixmap(22, 22));
    update();
}

void EmulatorBanner::paintEvent(QPaintEvent *event)
{
    // KMessageWidget's "information" look: the highlight colour, faint, behind the text and a
    // rounded border in it, so it works with light and dark palettes alike.
    const QColor window = palette().color(QPalette::Window);
    const QColor tint = palette().color(QPalette::Highlight);
    auto mix = [](const QColor &a, const QColor &b, qreal t) {
        return QColor::fromRgbF(a.redF() * (1 - t) + b.redF() * t,
                                a.greenF() * (1 - t) + b.greenF() * t,
                                a.blueF() * (1 - t) + b.blueF() * t);
    };
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(tint, 1));
    painter.setBrush(mix(window, tint, 0.2));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    Q_UNUSED(event);
}
