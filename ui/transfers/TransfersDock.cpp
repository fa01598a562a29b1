#include "ui/transfers/TransfersDock.h"

#include "models/TransferModel.h"
#include "network/text/TextFormat.h"
#include "network/transfer/TransferService.h"
#include "ui/browse/ConflictDialog.h"
#include "ui/transfers/TransferDelegate.h"
#include "ui/transfers/TransferFailureBar.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QResizeEvent>
#include <QSet>
#include <QTimer>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace {
using State = TransferItem::State;
}

TransfersDock::TransfersDock(TransferService *transfers, QWidget *parent)
    : QDockWidget(tr("Transfers"), parent)
    , m_transfers(transfers)
    , m_model(new TransferModel(transfers, this))
    , m_view(new QTreeView(this))
    , m_failureBar(new TransferFailureBar(transfers, this))
{
    setObjectName(QStringLiteral("TransfersDock"));
    toggleViewAction()->setShortcut(toggleKey());
    toggleViewAction()->setToolTip(tr("Show or hide the transfer queue (%1)")
                                       .arg(toggleKey().toString(QKeySequence::NativeText)));

    m_view->setObjectName(QStringLiteral("transfersView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new TransferDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    // Paths and names keep both ends: "/data/mo…/checkpoints", "lora-wat….safetensors".
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setUniformRowHeights(true); // a job of 10,000 files opens without measuring each
    m_view->setAllColumnsShowFocus(true);
    m_view->setExpandsOnDoubleClick(true);
    // A small window gives the files the room: the queue scrolls rather than push them away.
    m_view->setMinimumHeight(m_view->fontMetrics().height() * 3);
    setUpColumns();
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TransfersDock::showMenu);

    m_pause = addAction(tr("Pause"), QStringLiteral("media-playback-pause"),
                        QKeySequence(Qt::CTRL | Qt::Key_P),
                        tr("Pause the selected transfers; they keep what they have done"));
    m_resume = addAction(tr("Resume"), QStringLiteral("media-playback-start"),
                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                         tr("Go on with the selected transfers from where they stopped"));
    // No key: one keystroke must not throw away hours of a transfer.
    m_cancel = addAction(tr("Cancel"), QStringLiteral("process-stop"), QKeySequence(),
                         tr("Stop the selected transfers and throw away what they kept"));
    // Del in the queue is about the queue: it forgets finished rows, and never touches a file.
    m_removeFromList = addAction(tr("Remove from List"), QStringLiteral("list-remove"),
                                 QKeySequence(Qt::Key_Delete),
                                 tr("Remove the selected finished transfers from this list (the "
                                    "files stay where they are)"));
    m_retry
        = addAction(tr("Retry"), QStringLiteral("view-refresh"), QKeySequence(Qt::CTRL | Qt::Key_R),
                    tr("Try the selected failed or cancelled transfers again"));
    m_resolve = addAction(tr("Resolve…"), QStringLiteral("dialog-question"),
                          QKeySequence(Qt::CTRL | Qt::Key_E),
                          tr("Answer what a waiting transfer needs to know (the target exists)"));
    m_openFolder = addAction(tr("Open Folder"), QStringLiteral("folder-open"),
                             QKeySequence(Qt::CTRL | Qt::Key_O),
                             tr("Open the local folder of the selected download"));
    m_pauseAll
        = addAction(tr("Pause All"), QStringLiteral("media-playback-pause"),
                    QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P), tr("Pause every transfer"));
    m_resumeAll = addAction(tr("Resume All"), QStringLiteral("media-playback-start"),
                            QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_P),
                            tr("Resume every paused transfer"));
    m_clearFinished
        = addAction(tr("Clear Finished"), QStringLiteral("edit-clear-history"),
                    QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete),
                    tr("Remove finished, failed and cancelled transfers from the list"));
    connect(m_pause, &QAction::triggered, this, [this] {
        for (qint64 id : selectedIds())
            m_transfers->pause(id);
    });
    connect(m_resume, &QAction::triggered, this, [this] {
        for (qint64 id : selectedIds())
            m_transfers->resume(id);
    });
    connect(m_cancel, &QAction::triggered, this, [this] {
        for (qint64 id : selectedIds())
            m_transfers->cancel(id);
    });
    connect(m_removeFromList, &QAction::triggered, this,
            [this] { m_transfers->clearFinished(selectedIds()); });
    connect(m_retry, &QAction::triggered, this, [this] {
        for (qint64 id : selectedIds())
            m_transfers->retry(id);
    });
    connect(m_resolve, &QAction::triggered, this, &TransfersDock::resolveConflict);
    connect(m_openFolder, &QAction::triggered, this, &TransfersDock::openFolder);
    connect(m_pauseAll, &QAction::triggered, m_transfers, &TransferService::pauseAll);
    connect(m_resumeAll, &QAction::triggered, m_transfers, &TransferService::resumeAll);
    connect(m_clearFinished, &QAction::triggered, m_transfers,
            [this] { m_transfers->clearFinished(); });

    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addActions({m_pause, m_resume, m_cancel, m_retry, m_resolve, m_removeFromList});
    toolbar->addSeparator();
    toolbar->addActions({m_pauseAll, m_resumeAll, m_clearFinished});

    auto *content = new QWidget(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_failureBar);
    layout->addWidget(m_view);
    setWidget(content);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TransfersDock::updateActions);
    // Opening the queue asks again about transfers another process was running: if it has
    // ended (a crash, a kill, a zombie), they go on here.
    connect(this, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            m_transfers->adoptOrphans();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TransfersDock::updateActions);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TransfersDock::updateActions);
    followNewRows();
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TransfersDock::updateActions);
    connect(m_transfers, &TransferService::itemChanged, this, &TransfersDock::updateActions);
    updateActions();
}

QKeySequence TransfersDock::toggleKey()
{
    return QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T);
}

QAction *TransfersDock::addAction(const QString &text, const QString &icon,
                                  const QKeySequence &shortcut, const QString &tip)
{
    auto *action = new QAction(QIcon::fromTheme(icon), text, this);
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut); // only while the dock has focus
    action->setToolTip(shortcut.isEmpty() ? tip
                                          : QStringLiteral("%1 (%2)").arg(
                                              tip, shortcut.toString(QKeySequence::NativeText)));
    QWidget::addAction(action);
    return action;
}

QList<qint64> TransfersDock::selectedIds() const
{
    QList<qint64> ids;
    QSet<qint64> seen;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        for (const qint64 id : m_model->itemIds(index)) {
            if (!seen.contains(id)) {
                seen.insert(id);
                ids.append(id);
            }
        }
    }
    return ids;
}

void TransfersDock::setUpColumns()
{
    QHeaderView *header = m_view->header();
    header->setStretchLastSection(true); // the state, where a failure says why
    header->setSectionResizeMode(QHeaderView::Interactive);
    // Widths in the font's measure, not in pixels: at any scale a name keeps room for about 28
    // characters (the view scrolls sideways before it is cut to "b…").
    const QFontMetrics metrics = m_view->fontMetrics();
    const auto ems = [&](int n) { return metrics.horizontalAdvance(QLatin1Char('M')) * n; };
    header->setMinimumSectionSize(metrics.horizontalAdvance(QStringLiteral("MMM")));
    header->resizeSection(TransferModel::NameColumn, ems(18));
    header->resizeSection(TransferModel::DirectionColumn,
                          metrics.horizontalAdvance(TransferModel::tr("Download")) + ems(2));
    header->resizeSection(TransferModel::DestinationColumn, ems(12));
    header->resizeSection(TransferModel::SizeColumn,
                          metrics.horizontalAdvance(QStringLiteral("999.9 MiB")) + ems(1));
    header->resizeSection(TransferModel::ProgressColumn, ems(9));
    header->resizeSection(TransferModel::SpeedColumn,
                          metrics.horizontalAdvance(QStringLiteral("999.9 MiB/s")) + ems(1));
    header->resizeSection(TransferModel::EtaColumn,
                          metrics.horizontalAdvance(QStringLiteral("1 h 05 min")) + ems(1));
    m_view->viewport()->installEventFilter(this);
    connect(header, &QHeaderView::sectionResized, this, [this](int section) {
        if (section == TransferModel::NameColumn && !m_fittingName)
            m_nameSizedByUser = true;
    });
    // Room for "Waiting for the service, retrying in 1 min 39 s".
    header->resizeSection(
        TransferModel::StateColumn,
        metrics.horizontalAdvance(TransferModel::tr("Waiting for the service, retrying in %1")
                                      .arg(TextFormat::duration(99)))
            + ems(2));
}

bool TransfersDock::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitNameColumn();
    return QDockWidget::eventFilter(watched, event);
}

void TransfersDock::fitNameColumn()
{
    if (m_nameSizedByUser)
        return;
    QHeaderView *header = m_view->header();
    int others = 0;
    for (int column = 0; column < TransferModel::StateColumn; ++column) {
        if (column != TransferModel::NameColumn)
            others += header->sectionSize(column);
    }
    const int em = m_view->fontMetrics().horizontalAdvance(QLatin1Char('M'));
    // Half of what is left goes to the name, the other half to the state (where a failure says
    // why); never less than about eighteen characters of name.
    const int width = qMax(em * 18, (m_view->viewport()->width() - others) / 2);
    m_fittingName = true;
    header->resizeSection(TransferModel::NameColumn, width);
    m_fittingName = false;
}

void TransfersDock::followNewRows()
{
    // A new job shows itself, unless the user has scrolled up to look at older ones: then the
    // list stays where they left it, as a chat or a log view does.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &parent) {
                if (parent.isValid())
                    return;
                // Following means the last job is in sight (or there is none yet).
                const int rows = m_model->rowCount();
                const QRect last = m_view->visualRect(m_model->index(rows - 1, 0));
                m_followNewRows = rows == 0 || m_view->viewport()->rect().intersects(last);
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int, int last) {
                if (parent.isValid() || !m_followNewRows)
                    return;
                // After the view has laid the row out, or it scrolls to where it is not yet.
                QTimer::singleShot(0, m_view, [this, last] {
                    m_view->scrollTo(m_model->index(last, 0), QAbstractItemView::EnsureVisible);
                });
            });
}

void TransfersDock::updateActions()
{
    bool canPause = false, canResume = false, canCancel = false, canRetry = false,
         canResolve = false, canOpen = false, canRemove = false;
    for (const qint64 id : selectedIds()) {
        const TransferItem *item = m_transfers->item(id);
        if (!item)
            continue;
        canPause |= item->state == State::Queued || item->state == State::Running
            || item->state == State::NeedsAttention;
        canResume |= item->state == State::Paused;
        canCancel |= !item->isFinished();
        canRemove |= item->isFinished();
        canRetry |= item->state == State::Failed || item->state == State::Cancelled
            || item->state == State::Skipped;
        canResolve |= item->state == State::NeedsAttention;
        canOpen
            |= item->direction == TransferItem::Direction::Download && item->state == State::Done;
    }
    m_pause->setEnabled(canPause);
    m_resume->setEnabled(canResume);
    m_cancel->setEnabled(canCancel);
    m_removeFromList->setEnabled(canRemove);
    m_retry->setEnabled(canRetry);
    m_resolve->setEnabled(canResolve);
    m_openFolder->setEnabled(canOpen);
    const TransferEngine::Totals totals = m_transfers->totals();
    m_pauseAll->setEnabled(totals.queued + totals.running > 0);
    m_resumeAll->setEnabled(totals.paused > 0);
    m_clearFinished->setEnabled(totals.done + totals.failed > 0
                                || m_model->rowCount() > totals.queued + totals.running
                                        + totals.paused + totals.attention);
}

void TransfersDock::showMenu(const QPoint &position)
{
    QMenu menu(this);
    menu.addActions({m_pause, m_resume, m_cancel, m_retry, m_resolve, m_openFolder});
    menu.addAction(m_removeFromList);
    menu.addSeparator();
    menu.addActions({m_pauseAll, m_resumeAll, m_clearFinished});
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

void TransfersDock::resolveConflict()
{
    for (const qint64 id : selectedIds()) {
        const TransferItem *item = m_transfers->item(id);
        if (!item || item->state != State::NeedsAttention)
            continue;
        ConflictDialog dialog(*item, -1, this);
        if (dialog.exec() == QDialog::Accepted || dialog.answer().policy == ConflictPolicy::Skip)
            m_transfers->answerConflict(id, dialog.answer().policy, dialog.answer().applyToBatch);
        return; // one question at a time; "apply to all" covers the rest
    }
}

void TransfersDock::openFolder()
{
    for (const qint64 id : selectedIds()) {
        const TransferItem *item = m_transfers->item(id);
        if (item && item->direction == TransferItem::Direction::Download) {
            QDesktopServices::openUrl(
                QUrl::fromLocalFile(QFileInfo(item->localPath).absolutePath()));
            return;
        }
    }
}
