#pragma once

#include "models/StorageBreakdown.h"

#include <QWidget>

// The Storage view's chart: one horizontal bar per item of a folder, biggest first (as
// StorageBreakdown gives them, the rest as one "Other" bar), each as long as its share of the
// biggest, with its name and size. Painted with QPainter, a few dozen rectangles, so a repaint
// costs nothing whatever the folder holds. Folders are one colour, files another; a folder still
// being measured is drawn hatched with what was found so far. Click, or Enter on the current
// bar (Up/Down move), opens a folder or selects a file.
class StorageChart : public QWidget
{
    Q_OBJECT
public:
    explicit StorageChart(QWidget *parent = nullptr);

    void setSummary(const StorageBreakdown::Summary &summary);
    const StorageBreakdown::Summary &summary() const { return m_summary; }
    // Where bar `slice` is drawn (tests click it); empty when there is no such bar.
    QRect barRect(int slice) const;
    int currentSlice() const { return m_current; }
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void activated(const RemotePath &path, bool isDir);
    void closeRequested(); // Esc

protected:
    void paintEvent(QPaintEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override;

private:
    int rowHeight() const;
    int sliceAt(const QPoint &pos) const;
    QString label(const StorageBreakdown::Slice &slice) const;
    QString toolTip(const StorageBreakdown::Slice &slice) const;
    void activate(int slice);
    void updateAccessibleText();

    StorageBreakdown::Summary m_summary;
    int m_hover = -1;
    int m_current = -1;
};
