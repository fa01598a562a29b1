#pragma once

#include <QTimer>
#include <QTreeView>

class FolderOverlay;
class QMimeData;

// The two views of /data, folder tree and details, set up alike for a file manager: extended
// selection, drags out (our own MIME type for moves, the /data paths as text, downloads where
// the desktop supports it: DragOutExporter), drops of local files and of items onto
// folders. Rename in place starts by F2 (the window's action) or by a slow second click on the
// one selected item, as in Dolphin; a plain click on one item of several selects it alone. The
// details view also carries the FolderOverlay.
class RemoteView : public QTreeView
{
    Q_OBJECT
public:
    enum class Role { FolderTree, Details };

    explicit RemoteView(Role role, QWidget *parent = nullptr);

    Role role() const { return m_role; }
    FolderOverlay *overlay() const { return m_overlay; }
    // What a drag of the selection carries (startDrag sends exactly this), after dragStarting()
    // has let the window add to it. Null when nothing draggable is selected.
    QMimeData *dragMimeData();
    // Opens the inline editor on `index` with the name selected without its extension
    // ("model" of "model.safetensors"; a folder or ".env": all of it). False if it cannot.
    bool startRename(const QModelIndex &index);
    // How much of `name` the editor selects at first.
    static qsizetype baseNameLength(const QString &name, bool isFolder);

Q_SIGNALS:
    void dragStarting(QMimeData *data, const QModelIndexList &names); // the name column's indexes
    void dragEnded();

protected:
    // Not QAbstractItemView's: that one removes the dragged rows after a move, and here a move
    // is the server's to make (the drop handler renames through the API).
    void startDrag(Qt::DropActions supportedActions) override;
    void resizeEvent(QResizeEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;

private:
    // On the name of the row (its icon or text), where a slow second click renames.
    bool isOnName(const QModelIndex &index, const QPoint &point) const;
    Role m_role;
    FolderOverlay *m_overlay = nullptr;
    // A press on the item that was already the only one selected: its release may rename.
    QPersistentModelIndex m_pressedSelected;
    QTimer m_slowClick; // waits out a double click before a second click renames
};
