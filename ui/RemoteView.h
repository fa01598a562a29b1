#pragma once

#include <QTreeView>

class FolderOverlay;

// The two views of /data, folder tree and details, set up alike for a file manager: extended
// selection, drags out (our own MIME type, moves only), drops of local files and of items onto
// folders, rename with F2. The details view also carries the FolderOverlay.
class RemoteView : public QTreeView
{
    Q_OBJECT
public:
    enum class Role { FolderTree, Details };

    explicit RemoteView(Role role, QWidget *parent = nullptr);

    Role role() const { return m_role; }
    FolderOverlay *overlay() const { return m_overlay; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    Role m_role;
    FolderOverlay *m_overlay = nullptr;
};
