#pragma once

#include <QStyledItemDelegate>

// Paints the progress column as the platform's own progress bar (so it follows the style and the
// palette, dark mode included). Imports have no byte progress: they show a busy bar and the time
// they have been running. Everything else is painted by QStyledItemDelegate.
class TransferDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};
