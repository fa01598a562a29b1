#include "ui/browse/RemoteView.h"

#include "models/RemoteTreeModel.h"
#include "ui/browse/FolderOverlay.h"

#include <QApplication>
#include <QDrag>
#include <QDropEvent>
#include <QHeaderView>
#include <QLineEdit>
#include <QMimeData>
#include <QMimeDatabase>
#include <QMouseEvent>

RemoteView::RemoteView(Role role, QWidget *parent) : QTreeView(parent), m_role(role)
{
    setObjectName(role == Role::FolderTree ? QStringLiteral("FolderTree")
                                           : QStringLiteral("DetailsView"));
    setUniformRowHeights(true); // lets a folder of 100,000 rows lay out fast
    setAllColumnsShowFocus(true);
    setDragEnabled(true);
    setAcceptDrops(true);
    setDropIndicatorShown(true);
    setDragDropMode(QAbstractItemView::DragDrop);
    setDefaultDropAction(Qt::MoveAction); // inside the app a drag moves; the API has no copy
    // Not SelectedClicked: Qt's starts an editor on a click on any selected item, and that click
    // then leaves the rest of the selection selected. The slow click is done here instead.
    setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_slowClick.setSingleShot(true);
    connect(&m_slowClick, &QTimer::timeout, this, [this] {
        if (m_pressedSelected.isValid() && m_pressedSelected == currentIndex()
            && selectionModel()->selectedRows().size() == 1)
            startRename(m_pressedSelected);
        m_pressedSelected = QPersistentModelIndex();
    });
    setContextMenuPolicy(Qt::CustomContextMenu);
    if (role == Role::FolderTree) {
        setHeaderHidden(true);
        setSelectionMode(QAbstractItemView::SingleSelection);
        setAutoExpandDelay(600); // hovering a drag over a folder opens it
        setAnimated(true);
    } else {
        setRootIsDecorated(false);
        setItemsExpandable(false);
        setExpandsOnDoubleClick(false);
        setSelectionMode(QAbstractItemView::ExtendedSelection);
        setSortingEnabled(true);
        header()->setSortIndicatorShown(true);
        header()->setStretchLastSection(true);
        header()->setSectionsMovable(true);
        m_overlay = new FolderOverlay(viewport());
    }
}

void RemoteView::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    if (m_overlay)
        m_overlay->setGeometry(viewport()->rect());
}

namespace {
bool isExternal(const QDropEvent *event)
{
    return !event->mimeData()->hasFormat(RemoteTreeModel::internalMimeType());
}
} // namespace

void RemoteView::dragMoveEvent(QDragMoveEvent *event)
{
    // Local files are copied up, never moved: a "move" would let the file manager they come
    // from delete them.
    if (isExternal(event) && !event->possibleActions().testFlag(Qt::CopyAction)) {
        event->ignore();
        return;
    }
    QTreeView::dragMoveEvent(event);
    if (isExternal(event) && event->isAccepted())
        event->setDropAction(Qt::CopyAction);
}

void RemoteView::dropEvent(QDropEvent *event)
{
    const bool external = isExternal(event);
    if (external && !event->possibleActions().testFlag(Qt::CopyAction)) {
        event->ignore();
        return;
    }
    if (external)
        event->setDropAction(Qt::CopyAction);
    QTreeView::dropEvent(event);
    if (external && event->isAccepted())
        event->setDropAction(Qt::CopyAction); // acceptProposedAction() may have said Move
}

QMimeData *RemoteView::dragMimeData()
{
    QModelIndexList names;
    const QModelIndexList selected = selectionModel()->selectedIndexes();
    for (const QModelIndex &index : selected) {
        if (index.column() == RemoteTreeModel::NameColumn
            && model()->flags(index).testFlag(Qt::ItemIsDragEnabled))
            names << index;
    }
    if (names.isEmpty())
        return nullptr;
    QMimeData *data = model()->mimeData(names);
    if (data)
        Q_EMIT dragStarting(data, names);
    return data;
}

void RemoteView::startDrag(Qt::DropActions supportedActions)
{
    QMimeData *data = dragMimeData();
    if (!data)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(data);
    const QIcon icon = currentIndex()
                           .siblingAtColumn(RemoteTreeModel::NameColumn)
                           .data(Qt::DecorationRole)
                           .value<QIcon>();
    if (!icon.isNull())
        drag->setPixmap(icon.pixmap(32));
    drag->exec(supportedActions, defaultDropAction());
    Q_EMIT dragEnded();
}

void RemoteView::mousePressEvent(QMouseEvent *event)
{
    m_slowClick.stop();
    const QModelIndex index = indexAt(event->position().toPoint());
    // In the folder tree the current folder is the one shown: a right click only asks for the
    // clicked folder's menu (customContextMenuRequested), it does not go there.
    if (m_role == Role::FolderTree && event->button() == Qt::RightButton) {
        event->accept();
        return;
    }
    const QModelIndexList selected = selectionModel()->selectedRows();
    m_pressedSelected = event->button() == Qt::LeftButton && event->modifiers() == Qt::NoModifier
            && index.isValid() && isOnName(index, event->position().toPoint())
            && selected.size() == 1 && selected.first().row() == index.row()
            && selected.first().parent() == index.parent()
        ? QPersistentModelIndex(index.siblingAtColumn(RemoteTreeModel::NameColumn))
        : QPersistentModelIndex();
    QTreeView::mousePressEvent(event);
}

bool RemoteView::isOnName(const QModelIndex &index, const QPoint &point) const
{
    // As in Dolphin: a click on the name itself (its icon or its text), not on its size, date
    // or the empty end of its cell, is the one that may rename.
    if (index.column() != RemoteTreeModel::NameColumn)
        return false;
    const QRect cell = visualRect(index);
    const int text = fontMetrics().horizontalAdvance(index.data(Qt::DisplayRole).toString());
    const int icon = iconSize().isValid() ? iconSize().width()
                                          : style()->pixelMetric(QStyle::PM_SmallIconSize);
    return point.x()
        <= cell.left() + icon + text + 3 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 8;
}

void RemoteView::mouseReleaseEvent(QMouseEvent *event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    QTreeView::mouseReleaseEvent(event);
    if (m_pressedSelected.isValid() && index.isValid() && index.row() == m_pressedSelected.row()
        && index.parent() == m_pressedSelected.parent() && state() != EditingState)
        m_slowClick.start(QApplication::doubleClickInterval() + 50);
    else
        m_pressedSelected = QPersistentModelIndex();
}

void RemoteView::mouseDoubleClickEvent(QMouseEvent *event)
{
    // A double click opens; the two clicks it is made of rename nothing.
    m_slowClick.stop();
    m_pressedSelected = QPersistentModelIndex();
    QTreeView::mouseDoubleClickEvent(event);
}

qsizetype RemoteView::baseNameLength(const QString &name, bool isFolder)
{
    if (isFolder)
        return name.size();
    // Known double extensions ("data.tar.gz") keep all of theirs, as Dolphin does.
    const QString suffix = QMimeDatabase().suffixForFileName(name);
    if (!suffix.isEmpty() && name.size() > suffix.size() + 1)
        return name.size() - suffix.size() - 1;
    const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    return dot > 0 ? dot : name.size(); // ".env" is all name
}

bool RemoteView::startRename(const QModelIndex &index)
{
    const QModelIndex name = index.siblingAtColumn(RemoteTreeModel::NameColumn);
    if (!name.isValid() || !edit(name, AllEditTriggers, nullptr))
        return false;
    // Qt's editor selects all of the text when it opens.
    if (auto *editor = qobject_cast<QLineEdit *>(indexWidget(name))) {
        const QString text = editor->text();
        editor->setSelection(
            0, int(baseNameLength(text, name.data(RemoteTreeModel::IsDirRole).toBool())));
    }
    return true;
}
