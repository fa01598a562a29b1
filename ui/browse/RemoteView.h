#pragma once

#include <QTreeView>

class FolderOverlay;
class QMimeData;

// The two views of /data, folder tree and details, set up alike for a file manager: extended
// selection, drags out (our own MIME type for moves, the /data paths as text, downloads where
// the desktop supports it: DragOutExporter), drops of local files and of items onto
// folders, rename with F2. The details view also carries the FolderOverlay.
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

private:
    Role m_role;
    FolderOverlay *m_overlay = nullptr;
};
