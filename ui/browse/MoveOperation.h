#pragma once

#include "network/api/ApiError.h"
#include "network/api/FileSpec.h"
#include "network/api/Job.h"
#include "ui/browse/OrganizeQuestions.h"

#include <QStringList>
#include <optional>

class FilesClient;
class RemoteTreeModel;

// One rename or move of some items, asked through OrganizeQuestions when a name is taken:
//
//   - file onto file:     Replace (through ReplaceFileJob: the old file is kept until the new one
//                         is in place), Keep both, Skip;
//   - folder onto folder: Merge (what the folder holds moves into the one that is there, each
//                         taken name asked again; the emptied folder goes), Keep both, Skip;
//   - file onto folder, folder onto file: Keep both or Skip. Nothing here ever deletes a folder
//                         that still holds something.
//
// A Job: reports once through finished() and deletes itself; cancel() stops after the request in
// flight, leaving what was done done.
class MoveOperation : public Job
{
    Q_OBJECT
public:
    struct Move
    {
        RemotePath from;
        RemotePath to;
    };

    MoveOperation(FilesClient *client, RemoteTreeModel *model, OrganizeQuestions *questions,
                  QList<Move> moves, QObject *parent = nullptr);

    int done() const { return m_done; }
    // The moves that happened, as they happened (a "keep both" under its new name): what an undo
    // reverses. A replace or a merge cannot be reversed by moves alone and sets irreversible().
    const QList<Move> &performed() const { return m_performed; }
    bool irreversible() const { return m_irreversible; }
    int skipped() const { return m_skipped; }
    QStringList errors() const { return m_errors; }

protected:
    void doStart() override { next(); }
    void doCancel() override;

private:
    using Conflict = OrganizeQuestions::Conflict;
    enum class Kind { FileOnFile, FolderOnFolder, Mixed };
    struct Step
    {
        Move move;
        bool removeIfEmpty = false; // after a merge: `move.from` goes if nothing is left in it
    };

    void next();
    void popAndNext();
    void resolve(const Move &move, const FileSpec &existing);
    void ask(const Move &move, const FileSpec &source, const FileSpec &existing);
    void apply(const Move &move, Kind kind, Conflict answer);
    void rename(const Move &move);
    void replace(const Move &move);
    void merge(const Move &move);
    void keepBoth(const Move &move);
    void removeIfEmpty(const RemotePath &folder);
    static Kind kindOf(const FileSpec &source, const FileSpec &existing);
    static bool fits(Kind kind, Conflict answer);

    FilesClient *m_client;
    RemoteTreeModel *m_model;
    OrganizeQuestions *m_questions;
    QList<Step> m_steps;
    bool m_several;
    std::optional<Conflict> m_answerForAll[3]; // by Kind: "the same for the others" of that kind
    int m_done = 0;
    int m_skipped = 0;
    QStringList m_errors;
    QList<Move> m_performed;
    bool m_irreversible = false;
};
