#include "ui/browse/StorageChart.h"

#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

namespace {
constexpr int kGap = 3; // between bars
constexpr int kPad = 6; // text inside a bar
} // namespace

StorageChart::StorageChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("StorageChart"));
    setAccessibleName(tr("Storage chart"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void StorageChart::setSummary(const StorageBreakdown::Summary &summary)
{
    const bool otherFolder = summary.folder != m_summary.folder;
    m_summary = summary;
    if (otherFolder || m_current >= m_summary.slices.size())
        m_current = m_summary.slices.isEmpty() ? -1 : 0;
    if (m_hover >= m_summary.slices.size())
        m_hover = -1;
    updateGeometry();
    updateAccessibleText();
    update();
}

int StorageChart::rowHeight() const
{
    return fontMetrics().height() + 2 * kPad;
}

QSize StorageChart::sizeHint() const
{
    return {320, qMax(1, int(m_summary.slices.size())) * rowHeight()};
}

QSize StorageChart::minimumSizeHint() const
{
    return {160, qMax(1, int(m_summary.slices.size())) * rowHeight()};
}

QRect StorageChart::barRect(int slice) const
{
    if (slice < 0 || slice >= m_summary.slices.size())
        return {};
    return {0, slice * rowHeight(), width(), rowHeight() - kGap};
}

int StorageChart::sliceAt(const QPoint &pos) const
{
    for (int i = 0; i < m_summary.slices.size(); ++i) {
        if (barRect(i).contains(pos))
            return i;
    }
    return -1;
}

QString StorageChart::label(const StorageBreakdown::Slice &slice) const
{
    if (slice.otherItems > 0)
        return tr("Other (%1)").arg(TextFormat::items(slice.otherItems));
    return VisibleText::escaped(slice.name) + (slice.isDir ? QStringLiteral("/") : QString());
}

QString StorageChart::toolTip(const StorageBreakdown::Slice &slice) const
{
    const QString name = label(slice);
    if (slice.failed)
        return tr("%1\nThe size is not known: %2").arg(name, slice.error);
    const QString size = TextFormat::size(slice.bytes);
    const int percent = m_summary.bytes > 0 ? int(100 * slice.bytes / m_summary.bytes) : 0;
    QString text;
    if (!slice.isDir && slice.otherItems == 0)
        text = tr("%1\n%2, %3% of this folder").arg(name, size, QString::number(percent));
    else
        text = tr("%1\n%2, %3% of this folder\n%4, %5")
                   .arg(name, size, QString::number(percent), TextFormat::files(slice.files),
                        TextFormat::folders(slice.folders));
    if (!slice.known)
        text += QLatin1Char('\n') + tr("Still being measured");
    if (slice.otherItems == 0)
        text += QLatin1Char('\n')
            + (slice.isDir ? tr("Click to open this folder") : tr("Click to select this file"));
    return text;
}

void StorageChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &pal = palette();
    qint64 biggest = 1;
    for (const StorageBreakdown::Slice &slice : std::as_const(m_summary.slices))
        biggest = qMax(biggest, slice.bytes);
    // Bars are a band along the bottom of each row, not the whole row: a full-height bar of the
    // biggest item read as a selected row.
    const QColor folderColor = pal.color(QPalette::Highlight);
    const QColor fileColor(0x2a, 0x9d, 0x8f);
    const QColor otherColor = pal.color(QPalette::Mid);
    const int band = qMax(4, fontMetrics().height() / 4);
    for (int i = 0; i < m_summary.slices.size(); ++i) {
        const StorageBreakdown::Slice &slice = m_summary.slices.at(i);
        const QRect row = barRect(i);
        painter.fillRect(row,
                         pal.color(i == m_hover ? QPalette::Midlight : QPalette::AlternateBase));
        const int length = int(double(row.width()) * double(slice.bytes) / double(biggest));
        const QRect bar(row.left(), row.bottom() - band + 1, qMax(slice.bytes > 0 ? 2 : 0, length),
                        band);
        const bool other = slice.otherItems > 0;
        const QColor color = other ? otherColor : slice.isDir ? folderColor : fileColor;
        painter.fillRect(bar, color);
        if (!slice.known) // still growing
            painter.fillRect(bar, QBrush(pal.color(QPalette::Base), Qt::BDiagPattern));
        if (i == m_current && hasFocus()) {
            painter.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
            painter.drawRect(row.adjusted(0, 0, -1, -1));
        }
        painter.setPen(pal.color(QPalette::Text));
        const QRect text = row.adjusted(kPad, 0, -kPad, 0);
        const QString size = slice.failed ? QStringLiteral("?")
            : slice.known                 ? TextFormat::size(slice.bytes)
                                          : TextFormat::size(slice.bytes) + QStringLiteral("…");
        const int sizeWidth = fontMetrics().horizontalAdvance(size);
        painter.drawText(text, Qt::AlignRight | Qt::AlignVCenter, size);
        const QString name = fontMetrics().elidedText(label(slice), Qt::ElideMiddle,
                                                      text.width() - sizeWidth - 2 * kPad);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, name);
    }
    if (m_summary.slices.isEmpty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter,
                         m_summary.listed ? tr("This folder is empty") : tr("Listing…"));
    }
}

bool StorageChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int slice = sliceAt(help->pos());
        if (slice < 0)
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), toolTip(m_summary.slices.at(slice)), this,
                               barRect(slice));
        return true;
    }
    return QWidget::event(event);
}

void StorageChart::mouseMoveEvent(QMouseEvent *event)
{
    const int slice = sliceAt(event->position().toPoint());
    if (slice != m_hover) {
        m_hover = slice;
        const bool clickable = slice >= 0 && m_summary.slices.at(slice).otherItems == 0;
        setCursor(clickable ? Qt::PointingHandCursor : Qt::ArrowCursor);
        update();
    }
}

void StorageChart::leaveEvent(QEvent *)
{
    m_hover = -1;
    update();
}

void StorageChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return;
    const int slice = sliceAt(event->position().toPoint());
    if (slice >= 0) {
        m_current = slice;
        activate(slice);
    }
}

void StorageChart::keyPressEvent(QKeyEvent *event)
{
    const int count = int(m_summary.slices.size());
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Down:
        if (count > 0) {
            m_current = qBound(0, m_current + (event->key() == Qt::Key_Up ? -1 : 1), count - 1);
            updateAccessibleText();
            update();
        }
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        activate(m_current);
        return;
    case Qt::Key_Escape:
        Q_EMIT closeRequested();
        return;
    default:
        QWidget::keyPressEvent(event);
    }
}

void StorageChart::activate(int slice)
{
    if (slice < 0 || slice >= m_summary.slices.size())
        return;
    const StorageBreakdown::Slice &chosen = m_summary.slices.at(slice);
    if (chosen.otherItems > 0) // "Other" is many things: nothing to open
        return;
    Q_EMIT activated(chosen.path, chosen.isDir);
}

void StorageChart::updateAccessibleText()
{
    // A screen reader hears the bar under the keyboard, as a sighted person sees it.
    if (m_current < 0 || m_current >= m_summary.slices.size()) {
        setAccessibleDescription(QString());
        return;
    }
    setAccessibleDescription(toolTip(m_summary.slices.at(m_current)));
}
