#include "ui/browse/StorageDock.h"

#include "models/StorageBreakdown.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "ui/browse/StorageChart.h"

#include <QAction>
#include <QLabel>
#include <QScrollArea>
#include <QVBoxLayout>

StorageDock::StorageDock(RemoteTreeModel *model, QWidget *parent)
    : QDockWidget(tr("Storage"), parent), m_breakdown(new StorageBreakdown(model, this))
{
    setObjectName(QStringLiteral("StorageDock"));
    toggleViewAction()->setShortcut(toggleKey());
    toggleViewAction()->setToolTip(tr("Show or hide what takes the room in this folder (%1)")
                                       .arg(toggleKey().toString(QKeySequence::NativeText)));

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(6, 4, 6, 4);
    m_summary = new QLabel(content);
    m_summary->setObjectName(QStringLiteral("StorageSummary"));
    m_summary->setAccessibleName(tr("Storage summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText); // names from the server are never markup
    layout->addWidget(m_summary);
    m_chart = new StorageChart(content);
    auto *scroll = new QScrollArea(content);
    scroll->setWidget(m_chart);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusProxy(m_chart);
    layout->addWidget(scroll, 1);
    setWidget(content);
    setFocusProxy(m_chart);

    connect(m_breakdown, &StorageBreakdown::changed, this, &StorageDock::showSummary);
    connect(m_chart, &StorageChart::activated, this, &StorageDock::activated);
    connect(m_chart, &StorageChart::closeRequested, this, &QWidget::hide);
    // Hidden, it does not recount; shown again, it catches up at once.
    connect(this, &QDockWidget::visibilityChanged, m_breakdown, &StorageBreakdown::setActive);
}

QKeySequence StorageDock::toggleKey()
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S);
}

void StorageDock::setFolder(const RemotePath &folder)
{
    if (folder != m_breakdown->folder() || m_chart->summary().slices.isEmpty())
        m_breakdown->setFolder(folder);
}

QString StorageDock::summaryText() const
{
    return m_summary->text();
}

void StorageDock::showSummary()
{
    const StorageBreakdown::Summary &summary = m_breakdown->summary();
    m_chart->setSummary(summary);
    const QString where = VisibleText::escaped(summary.folder.absolute());
    QString text;
    if (!summary.listed)
        text = tr("%1\nListing…").arg(where);
    else if (summary.complete())
        text = tr("%1\n%2 in %3, %4")
                   .arg(where, TextFormat::size(summary.bytes), TextFormat::files(summary.files),
                        TextFormat::folders(summary.folders));
    else
        text = tr("%1\nMeasuring… %2, %3 so far")
                   .arg(where, TextFormat::files(summary.files), TextFormat::size(summary.bytes));
    if (summary.failed > 0)
        text += QLatin1Char('\n')
            + tr("%1 could not be measured").arg(TextFormat::folders(summary.failed));
    m_summary->setText(text);
    m_summary->setAccessibleDescription(text);
}
