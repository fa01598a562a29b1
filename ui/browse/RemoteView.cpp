#include "ui/browse/RemoteView.h"

#include "models/RemoteTreeModel.h"
#include "ui/browse/FolderOverlay.h"

#include <QDrag>
#include <QDropEvent>
#include <QHeaderView>
#include <QMimeData>

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
    setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
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
