#pragma once

#include <QDockWidget>

class QAction;
class QTreeView;
class TransferService;
class TransferFailureBar;
class TransferModel;

// The transfer queue as a dock: one row per job (a folder, a selection, a CLI command) that opens
// on its files, each with its progress, speed, time left, destination and state (a failure says
// its reason in its row, and a bar over the queue counts failures and retries them all), per-item
// controls (pause, resume, cancel, retry, resolve a conflict, open the folder of a download) plus
// pause all / resume all / clear finished. History stays across restarts because the engine's
// journal keeps it.
class TransfersDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit TransfersDock(TransferService *transfers, QWidget *parent = nullptr);
    // Shows and hides the dock (its toggleViewAction's key, said in every tooltip that names it).
    // Ctrl+Shift+T, as Dolphin's panels have Ctrl+Shift or F-keys; Ctrl+T is a new tab there.
    static QKeySequence toggleKey();

    TransferModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }
    TransferFailureBar *failureBar() const { return m_failureBar; }
    QAction *pauseAction() const { return m_pause; }
    QAction *resumeAction() const { return m_resume; }
    QAction *cancelAction() const { return m_cancel; }
    QAction *retryAction() const { return m_retry; }
    QAction *clearFinishedAction() const { return m_clearFinished; }
    QAction *removeFromListAction() const { return m_removeFromList; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override; // the view's viewport resized

private:
    QList<qint64> selectedIds() const; // a job's row stands for all its files
    void setUpColumns();
    void fitNameColumn(); // the name takes half of the room the other columns leave
    void followNewRows();
    void updateActions();
    void showMenu(const QPoint &position);
    void resolveConflict();
    void openFolder();
    QAction *addAction(const QString &text, const QString &icon, const QKeySequence &shortcut,
                       const QString &tip);

    TransferService *m_transfers;
    TransferModel *m_model;
    QTreeView *m_view;
    bool m_nameSizedByUser = false; // once the user drags the Name column, it stays theirs
    bool m_fittingName = false;
    bool m_followNewRows = true; // the view was at its end when rows came: keep it there
    TransferFailureBar *m_failureBar;
    QAction *m_pause = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_cancel = nullptr;
    QAction *m_retry = nullptr;
    QAction *m_resolve = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_pauseAll = nullptr;
    QAction *m_resumeAll = nullptr;
    QAction *m_clearFinished = nullptr;
    QAction *m_removeFromList = nullptr;
};
