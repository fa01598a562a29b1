#include "ui/browse/OrganizeController.h"

#include "models/RemoteTreeModel.h"
#include "network/api/DeleteJob.h"
#include "network/api/DirectorySizeJob.h"
#include "network/api/FilesClient.h"
#include "network/api/SimpleUploadJob.h"
#include "network/api/StatJob.h"
#include "network/io/ZipWriter.h"
#include "network/text/TextFormat.h"
#include "network/transfer/UniqueName.h"
#include "ui/UiLog.h"
#include "ui/browse/DeleteSummary.h"

#include <utility>

OrganizeController::OrganizeController(FilesClient *client, RemoteTreeModel *model,
                                       OrganizeQuestions *questions, QObject *parent)
    : QObject(parent), m_client(client), m_model(model), m_questions(questions)
{
}

bool OrganizeController::surfaceAllows(ApiSurface::Operation operation)
{
    if (m_client->surface().supports(operation))
        return true;
    Q_EMIT failed(m_client->surface().whyNot(operation) + QLatin1Char('.'));
    return false;
}

bool OrganizeController::begin(const QString &what)
{
    if (m_busy) {
        Q_EMIT failed(
            tr("Another change to /data is still being made; try again when it is done."));
        return false;
    }
    m_busy = true;
    m_done = 0;
    m_skipped = 0;
    m_errors.clear();
    Q_EMIT busyChanged(true, what);
    return true;
}

void OrganizeController::end(const QString &summary)
{
    m_busy = false;
    Q_EMIT busyChanged(false, QString());
    if (!m_errors.isEmpty())
        Q_EMIT failed(m_errors.join(QLatin1Char('\n')));
    if (!summary.isEmpty())
        Q_EMIT message(summary);
}

// New folder ---------------------------------------------------------------------------------

void OrganizeController::newFolder(const RemotePath &parent)
{
    if (m_busy || !m_questions)
        return;
    const QString suggestion = UniqueName::pick(tr("New Folder"), [&](const QString &name) {
        return m_model->indexForPath(parent.child(name)).isValid();
    });
    m_questions->askFolderName(parent, suggestion, [this, parent](const QString &name) {
        if (!name.isEmpty())
            createFolder(parent, name);
    });
}

void OrganizeController::createFolder(const RemotePath &parent, const QString &name)
{
    QString why;
    if (!RemotePath::isValidName(name, &why)) {
        Q_EMIT failed(tr("“%1” cannot be a folder name: %2.").arg(name, why));
        return;
    }
    if (!begin(tr("Creating folder %1…").arg(name)))
        return;
    const RemotePath path = parent.child(name);
    auto *stat = new StatJob(m_client, path, false, this);
    connect(stat, &ApiJob::finished, this, [this, stat, parent, path, name] {
        if (stat->succeeded()) {
            m_errors << tr("%1 already exists.").arg(path.absolute());
            return end(QString());
        }
        if (stat->error().kind != ApiError::Kind::NotFound) {
            m_errors << tr("Could not create %1: %2").arg(path.absolute(), stat->error().message());
            return end(QString());
        }
        QString error;
        const QByteArray zip = ZipWriter::directories({name}, &error);
        if (zip.isEmpty()) {
            m_errors << tr("Could not create %1: %2").arg(path.absolute(), error);
            return end(QString());
        }
        auto *upload
            = new SimpleUploadJob(m_client, zip, QStringLiteral("folder.zip"), parent, this);
        upload->setUnzip(true);
        connect(upload, &ApiJob::finished, this, [this, upload, path] {
            if (!upload->succeeded()) {
                m_errors << tr("Could not create %1: %2")
                                .arg(path.absolute(), upload->error().message());
                return end(QString());
            }
            FileSpec spec = FileSpec::folder(path);
            spec.created = spec.updated = QDateTime::currentDateTimeUtc();
            m_model->applyLocalInsert(spec);
            end(tr("Created %1").arg(path.absolute()));
            Q_EMIT folderCreated(path);
        });
        upload->start();
    });
    stat->start();
}

// Rename and move ----------------------------------------------------------------------------

void OrganizeController::rename(const RemotePath &path, const QString &newName)
{
    QString why;
    if (path.isRoot())
        return;
    if (!RemotePath::isValidName(newName, &why)) {
        Q_EMIT failed(tr("“%1” cannot be used as a name: %2.").arg(newName, why));
        return;
    }
    if (newName == path.name() || !surfaceAllows(ApiSurface::Operation::Rename)
        || !begin(tr("Renaming %1…").arg(path.name())))
        return;
    m_renaming = true;
    runMoves({{path, path.parent().child(newName)}});
}

void OrganizeController::move(const QList<RemotePath> &paths, const RemotePath &folder)
{
    if (!surfaceAllows(ApiSurface::Operation::Rename))
        return;
    QList<MoveOperation::Move> moves;
    for (const RemotePath &path : paths) {
        // Nothing moves into itself or to where it already is.
        if (path.isRoot() || path == folder || path.isAncestorOf(folder) || path.parent() == folder)
            continue;
        moves.append({path, folder.child(path.name())});
    }
    if (moves.isEmpty()
        || !begin(tr("Moving %1 to %2…").arg(TextFormat::items(moves.size()), folder.absolute())))
        return;
    m_renaming = false;
    m_moveTarget = folder;
    runMoves(moves);
}

void OrganizeController::runMoves(const QList<MoveOperation::Move> &moves)
{
    auto *operation = new MoveOperation(m_client, m_model, m_questions, moves, this);
    connect(operation, &Job::finished, this, [this, operation] {
        m_done = operation->done();
        m_skipped = operation->skipped();
        rememberUndo(*operation);
        m_errors << operation->errors();
        QString summary;
        if (std::exchange(m_undoing, false))
            summary = m_done ? tr("Undone") : QString();
        else if (m_renaming)
            summary = m_done ? tr("Renamed") : QString();
        else if (m_done)
            summary = tr("Moved %1 to %2").arg(TextFormat::items(m_done), m_moveTarget.absolute());
        if (m_skipped)
            summary += (summary.isEmpty() ? QString() : QStringLiteral("; "))
                + tr("skipped %1").arg(m_skipped);
        end(summary);
    });
    operation->start();
}

void OrganizeController::rememberUndo(const MoveOperation &operation)
{
    m_undo.clear();
    if (!m_undoing && !operation.irreversible()) {
        // Last move first: a folder moved, then something out of it, comes back in order.
        const QList<MoveOperation::Move> &done = operation.performed();
        for (auto it = done.crbegin(); it != done.crend(); ++it)
            m_undo.append({it->to, it->from});
        m_undoIsRename = m_renaming;
    }
    Q_EMIT undoChanged();
}

QString OrganizeController::undoText() const
{
    if (m_undo.isEmpty())
        return {};
    return m_undoIsRename ? tr("Undo Rename") : tr("Undo Move");
}

void OrganizeController::undo()
{
    if (!canUndo() || !surfaceAllows(ApiSurface::Operation::Rename)
        || !begin(m_undoIsRename ? tr("Undoing the rename…") : tr("Undoing the move…")))
        return;
    m_undoing = true;
    runMoves(std::exchange(m_undo, {}));
    Q_EMIT undoChanged();
}

// Delete ---------------------------------------------------------------------------------------

void OrganizeController::remove(const QList<FileSpec> &items)
{
    QList<FileSpec> targets;
    for (const FileSpec &item : items) {
        if (!item.path.isRoot())
            targets.append(item);
    }
    if (targets.isEmpty() || !m_questions || !surfaceAllows(ApiSurface::Operation::Delete)
        || !begin(tr("Counting what would be deleted…")))
        return;
    auto *counter = new DirectorySizeJob(m_client, targets, this);
    counter->setAutoDelete(true);
    connect(counter, &Job::finished, this, [this, counter] {
        const DeleteSummary summary = DeleteSummary::fromCount(*counter);
        Q_EMIT busyChanged(true, tr("Waiting for your answer…"));
        m_questions->confirmDelete(summary, [this, summary](bool yes) {
            if (!yes)
                return end(tr("Nothing was deleted"));
            Q_EMIT busyChanged(true, tr("Deleting…"));
            m_undo.clear(); // what it would move back may be what goes now
            Q_EMIT undoChanged();
            m_deletes = summary.items;
            nextDelete();
        });
    });
    counter->start();
}

void OrganizeController::nextDelete()
{
    if (m_deletes.isEmpty())
        return end(m_done ? tr("Deleted %1").arg(TextFormat::items(m_done)) : QString());
    const FileSpec item = m_deletes.takeFirst();
    auto *job = new DeleteJob(m_client, item.path, this);
    connect(job, &ApiJob::finished, this, [this, job] {
        if (job->succeeded()) {
            ++m_done;
            m_model->applyLocalRemove(job->path());
        } else {
            m_errors << tr("Could not delete %1: %2")
                            .arg(job->path().absolute(), job->error().message());
        }
        nextDelete();
    });
    job->start();
}
