#pragma once

#include "network/api/FileSpec.h"

#include <functional>

struct DeleteSummary;

// What organizing /data has to ask a person, behind an interface so the window answers with
// dialogs and tests answer with a script. Answers may come later (window-modal dialogs).
class OrganizeQuestions
{
public:
    // Replace is an answer only for a file onto a file, Merge only for a folder onto a folder;
    // a caller refuses either anywhere else (a folder is never deleted to make room).
    enum class Conflict { Replace, Merge, KeepBoth, Skip, Cancel };

    virtual ~OrganizeQuestions() = default;
    virtual void confirmDelete(const DeleteSummary &summary, std::function<void(bool yes)> answer)
        = 0;
    // `source` is to go where `existing` is; offer only the answers their kinds allow (see
    // Conflict). `several`: offer "for all the others too".
    virtual void askConflict(const FileSpec &source, const FileSpec &existing, bool several,
                             std::function<void(Conflict conflict, bool forAll)> answer)
        = 0;
    // An empty name means "cancelled".
    virtual void askFolderName(const RemotePath &parent, const QString &suggestion,
                               std::function<void(const QString &name)> answer)
        = 0;
};
