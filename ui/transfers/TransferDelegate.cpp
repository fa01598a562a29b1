#include "ui/transfers/TransferDelegate.h"

#include "models/TransferModel.h"
#include "network/transfer/TransferItem.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

void TransferDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    if (index.column() != TransferModel::ProgressColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The row's selection background first, then the bar inside it.
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const double progress = index.data(TransferModel::ProgressRole).toDouble();
    const auto state = TransferItem::State(index.data(TransferModel::StateRole).toInt());
    QStyleOptionProgressBar bar;
    bar.state = option.state | QStyle::State_Horizontal;
    bar.direction = option.direction;
    bar.fontMetrics = option.fontMetrics;
    bar.palette = option.palette;
    bar.rect = option.rect.adjusted(3, 3, -3, -3);
    bar.textVisible = true;
    bar.minimum = 0;
    if (progress < 0 && state == TransferItem::State::Running) {
        bar.maximum = 0; // busy: the server is fetching, nobody knows how far it is
        bar.progress = 0;
        bar.text = index.data(Qt::DisplayRole).toString();
    } else {
        bar.maximum = 1000;
        bar.progress = int(qBound(0.0, progress, 1.0) * 1000);
        bar.text = index.data(Qt::DisplayRole).toString();
    }
    if (state == TransferItem::State::Failed || state == TransferItem::State::Cancelled)
        bar.state &= ~QStyle::State_Enabled; // greyed: it is not moving
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

QSize TransferDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == TransferModel::ProgressColumn)
        size.setWidth(qMax(size.width(), 140));
    size.setHeight(qMax(size.height(), option.fontMetrics.height() + 10));
    return size;
}
