#pragma once

#include "ui/browse/DeleteSummary.h"
#include "ui/browse/OrganizeQuestions.h"

#include <QList>
#include <QPair>
#include <QStringList>

// OrganizeQuestions answered by the test: queued answers, and a record of what was asked.
class ScriptedOrganizeQuestions : public OrganizeQuestions
{
public:
    QList<bool> deleteAnswers;
    QList<Conflict> conflictAnswers;
    bool conflictForAll = false;
    QStringList folderNames;

    QList<DeleteSummary> deleteQuestions;
    QStringList conflictQuestions; // existing paths
    QList<QPair<FileSpec, FileSpec>> conflictSpecs; // (source, existing) as asked
    std::function<void()> beforeConflictAnswer; // runs before each answer (to change things)
    int folderNameQuestions = 0;

    void confirmDelete(const DeleteSummary &summary, std::function<void(bool)> answer) override
    {
        deleteQuestions << summary;
        answer(deleteAnswers.isEmpty() ? false : deleteAnswers.takeFirst());
    }
    void askConflict(const FileSpec &source, const FileSpec &existing, bool,
                     std::function<void(Conflict, bool)> answer) override
    {
        conflictQuestions << existing.path.absolute();
        conflictSpecs.append({source, existing});
        if (beforeConflictAnswer)
            beforeConflictAnswer();
        answer(conflictAnswers.isEmpty() ? Conflict::Skip : conflictAnswers.takeFirst(),
               conflictForAll);
    }
    void askFolderName(const RemotePath &, const QString &suggestion,
                       std::function<void(const QString &)> answer) override
    {
        ++folderNameQuestions;
        answer(folderNames.isEmpty() ? suggestion : folderNames.takeFirst());
    }
};
