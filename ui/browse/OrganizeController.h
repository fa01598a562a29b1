#pragma once

#include "network/api/ApiSurface.h"

#include "network/api/ApiError.h"
#include "network/api/FileSpec.h"
#include "ui/browse/MoveOperation.h"
#include "ui/browse/OrganizeQuestions.h"

#include <QObject>
#include <QStringList>

class FilesClient;
class RemoteTreeModel;

// Runs what people do to organize /data: new folder, rename, move, delete. One operation at a
// time (the window disables the actions meanwhile and shows the busy state). Asks through
// OrganizeQuestions: a name that is taken is never overwritten without an answer, a delete is
// never sent without a confirmation that counted what goes. What succeeds is shown at once
// through RemoteTreeModel::applyLocal*() (the API is eventually consistent).
//
// The API has no mkdir: a new folder is a ZIP holding one directory entry, uploaded with
// unzip=true to the parent, which the server extracts (see the README, "New folders").
class OrganizeController : public QObject
{
    Q_OBJECT
public:
    OrganizeController(FilesClient *client, RemoteTreeModel *model, OrganizeQuestions *questions,
                       QObject *parent = nullptr);

    void setQuestions(OrganizeQuestions *questions) { m_questions = questions; }
    bool isBusy() const { return m_busy; }

    void newFolder(const RemotePath &parent); // asks for the name
    void createFolder(const RemotePath &parent, const QString &name);
    void rename(const RemotePath &path, const QString &newName);
    void move(const QList<RemotePath> &paths, const RemotePath &folder);
    void remove(const QList<FileSpec> &items);

    // Undo, as in Dolphin: the last rename or move is reversed by the opposite moves, asked
    // through the same conflict questions. One step; a replace or a merge cannot be undone (what
    // was replaced is gone), and a delete forgets it.
    bool canUndo() const { return !m_undo.isEmpty() && !m_busy; }
    QString undoText() const; // "Undo Rename", "Undo Move"; empty when nothing can be undone
    void undo();

Q_SIGNALS:
    void undoChanged();
    void busyChanged(bool busy, const QString &what);
    void message(const QString &text); // for the status bar
    void failed(const QString &text); // for a message box
    void folderCreated(const RemotePath &path);

private:
    // False, with the reason said, when the API in use lacks `operation` (Platform API v1).
    bool surfaceAllows(ApiSurface::Operation operation);
    bool begin(const QString &what);
    void end(const QString &summary);
    void runMoves(const QList<MoveOperation::Move> &moves);
    void rememberUndo(const MoveOperation &operation);
    void nextDelete();

    FilesClient *m_client;
    RemoteTreeModel *m_model;
    OrganizeQuestions *m_questions;
    bool m_busy = false;

    QList<MoveOperation::Move> m_undo; // the reverse of the last rename or move, in order
    bool m_undoIsRename = false;
    bool m_undoing = false;
    bool m_renaming = false; // one move inside its folder: says "renamed"
    int m_done = 0;
    int m_skipped = 0;
    QStringList m_errors;
    RemotePath m_moveTarget;
    QList<FileSpec> m_deletes;
};
