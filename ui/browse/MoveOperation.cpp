#include "ui/browse/MoveOperation.h"

#include "models/RemoteTreeModel.h"
#include "network/api/DeleteJob.h"
#include "network/api/ListJob.h"
#include "network/api/RenameJob.h"
#include "network/api/ReplaceFileJob.h"
#include "network/api/StatJob.h"
#include "network/transfer/UniqueName.h"
#include "ui/UiLog.h"

#include <QSet>

MoveOperation::MoveOperation(FilesClient *client, RemoteTreeModel *model,
                             OrganizeQuestions *questions, QList<Move> moves, QObject *parent)
    : Job(parent)
    , m_client(client)
    , m_model(model)
    , m_questions(questions)
    , m_several(moves.size() > 1)
{
    setAutoDelete(true);
    for (const Move &move : moves)
        m_steps.append({move, false});
}

void MoveOperation::doCancel()
{
    m_steps.clear();
    for (Job *request : findChildren<Job *>(Qt::FindDirectChildrenOnly))
        request->cancel(CancelMode::Quietly);
}

void MoveOperation::popAndNext()
{
    if (isFinished())
        return; // cancelled while a question was open
    m_steps.removeFirst();
    next();
}

void MoveOperation::next()
{
    if (isFinished())
        return; // cancelled while a question was open
    if (m_steps.isEmpty()) {
        finishWith({});
        return;
    }
    const Step step = m_steps.first();
    if (step.removeIfEmpty)
        return removeIfEmpty(step.move.from);
    // Is the name taken? Asked of the server: the tree may not have listed the target folder.
    auto *stat = new StatJob(m_client, step.move.to, false, this);
    connect(stat, &ApiJob::finished, this, [this, stat, move = step.move] {
        if (stat->succeeded())
            return resolve(move, stat->spec());
        if (stat->error().kind == ApiError::Kind::NotFound)
            return rename(move);
        m_errors << tr("Could not move %1: %2").arg(move.from.absolute(), stat->error().message());
        popAndNext();
    });
    stat->start();
}

MoveOperation::Kind MoveOperation::kindOf(const FileSpec &source, const FileSpec &existing)
{
    if (source.isFile && existing.isFile)
        return Kind::FileOnFile;
    if (source.isDir() && existing.isDir())
        return Kind::FolderOnFolder;
    return Kind::Mixed;
}

bool MoveOperation::fits(Kind kind, Conflict answer)
{
    if (answer == Conflict::Replace)
        return kind == Kind::FileOnFile;
    if (answer == Conflict::Merge)
        return kind == Kind::FolderOnFolder;
    return true;
}

void MoveOperation::resolve(const Move &move, const FileSpec &existing)
{
    // What moves in is asked of the server too: whether it is a file decides what may be offered.
    auto *stat = new StatJob(m_client, move.from, false, this);
    connect(stat, &ApiJob::finished, this, [this, stat, move, existing] {
        if (!stat->succeeded()) {
            m_errors
                << tr("Could not move %1: %2").arg(move.from.absolute(), stat->error().message());
            return popAndNext();
        }
        ask(move, stat->spec(), existing);
    });
    stat->start();
}

void MoveOperation::ask(const Move &move, const FileSpec &source, const FileSpec &existing)
{
    const Kind kind = kindOf(source, existing);
    if (const auto &forAll = m_answerForAll[int(kind)])
        return apply(move, kind, *forAll);
    if (!m_questions)
        return apply(move, kind, Conflict::Skip);
    m_questions->askConflict(source, existing, m_several || m_steps.size() > 1,
                             [this, move, kind](Conflict answer, bool forAll) {
                                 if (forAll && fits(kind, answer))
                                     m_answerForAll[int(kind)] = answer;
                                 apply(move, kind, answer);
                             });
}

void MoveOperation::apply(const Move &move, Kind kind, Conflict answer)
{
    if (!fits(kind, answer)) {
        // Only reachable through a wrong answer; refused rather than guessed.
        qCWarning(lcUi) << "refused answer" << int(answer) << "for" << move.to.absolute();
        m_errors << (kind == Kind::FolderOnFolder
                         ? tr("%1 is a folder and was not replaced.").arg(move.to.absolute())
                         : tr("%1 was not replaced.").arg(move.to.absolute()));
        ++m_skipped;
        return popAndNext();
    }
    switch (answer) {
    case Conflict::Cancel:
        for (const Step &step : std::as_const(m_steps))
            m_skipped += step.removeIfEmpty ? 0 : 1;
        m_steps.clear();
        return next();
    case Conflict::Skip:
        ++m_skipped;
        return popAndNext();
    case Conflict::Replace:
        m_irreversible = true; // the replaced file is gone
        return replace(move);
    case Conflict::Merge:
        m_irreversible = true; // the two folders' contents are one now
        return merge(move);
    case Conflict::KeepBoth:
        return keepBoth(move);
    }
}

void MoveOperation::rename(const Move &move)
{
    auto *job = new RenameJob(m_client, move.from, move.to, this);
    connect(job, &ApiJob::finished, this, [this, job, move] {
        if (job->succeeded()) {
            ++m_done;
            m_performed << move;
            m_model->applyLocalMove(move.from, move.to);
        } else if (job->error().kind == ApiError::Kind::Conflict) {
            m_errors << tr("%1 appeared meanwhile; %2 was not moved.")
                            .arg(move.to.absolute(), move.from.absolute());
        } else {
            m_errors
                << tr("Could not move %1: %2").arg(move.from.absolute(), job->error().message());
        }
        popAndNext();
    });
    job->start();
}

void MoveOperation::replace(const Move &move)
{
    auto *job = new ReplaceFileJob(m_client, move.from, move.to, this);
    connect(job, &Job::finished, this, [this, move, job] {
        if (job->succeeded()) {
            ++m_done;
            m_model->applyLocalRemove(move.to);
            m_model->applyLocalMove(move.from, move.to);
        } else {
            m_errors
                << tr("Could not replace %1: %2").arg(move.to.absolute(), job->error().message());
        }
        if (!job->asideLeft().isRoot())
            m_errors << tr("The file that was at %1 is kept as %2.")
                            .arg(move.to.absolute(), job->asideLeft().absolute());
        popAndNext();
    });
    job->start();
}

void MoveOperation::merge(const Move &move)
{
    auto *list = new ListJob(m_client, move.from, this);
    connect(list, &ApiJob::finished, this, [this, list, move] {
        if (!list->succeeded()) {
            m_errors
                << tr("Could not merge %1: %2").arg(move.from.absolute(), list->error().message());
            return popAndNext();
        }
        // The folder's items take its place in the queue, then the folder goes if it is empty.
        m_steps.removeFirst();
        QList<Step> inside;
        for (const FileSpec &spec : list->entries())
            inside.append({{spec.path, move.to.child(spec.name)}, false});
        inside.append({{move.from, move.to}, true});
        m_steps = inside + m_steps;
        next();
    });
    list->start();
}

void MoveOperation::keepBoth(const Move &move)
{
    // A free name needs the names that are there now.
    auto *list = new ListJob(m_client, move.to.parent(), this);
    connect(list, &ApiJob::finished, this, [this, list, move] {
        if (!list->succeeded()) {
            m_errors
                << tr("Could not move %1: %2").arg(move.from.absolute(), list->error().message());
            return popAndNext();
        }
        QSet<QString> taken;
        for (const FileSpec &spec : list->entries())
            taken.insert(spec.name);
        taken.insert(move.to.name());
        const QString name
            = UniqueName::pick(move.to.name(), [&](const QString &n) { return taken.contains(n); });
        rename({move.from, move.to.parent().child(name)});
    });
    list->start();
}

void MoveOperation::removeIfEmpty(const RemotePath &folder)
{
    // Asked again right before: only a folder (the listing of a file is empty too) that holds
    // nothing goes. A skipped name, or a file that arrived meanwhile, keeps it.
    auto *stat = new StatJob(m_client, folder, false, this);
    connect(stat, &ApiJob::finished, this, [this, stat, folder] {
        if (!stat->succeeded() || !stat->spec().isDir())
            return popAndNext();
        auto *list = new ListJob(m_client, folder, this);
        connect(list, &ApiJob::finished, this, [this, list, folder] {
            // Entries the client could not show (an impossible name) are there all the same.
            if (!list->succeeded() || !list->entries().isEmpty() || !list->skipped().isEmpty()) {
                if (list->succeeded())
                    m_errors << tr("%1 still holds something and was kept.").arg(folder.absolute());
                return popAndNext();
            }
            auto *remove = new DeleteJob(m_client, folder, this);
            connect(remove, &ApiJob::finished, this, [this, remove, folder] {
                if (remove->succeeded())
                    m_model->applyLocalRemove(folder);
                popAndNext();
            });
            remove->start();
        });
        list->start();
    });
    stat->start();
}
