#include "network/api/ReplaceFileJob.h"

#include "network/api/ApiLog.h"
#include "network/api/DeleteJob.h"
#include "network/api/RenameJob.h"
#include "network/api/StatJob.h"

#include <QRandomGenerator>

namespace {
// A name of the same folder that no person picks: hidden, marked as ours, with random letters,
// and at most 1 + 200 + 14 + 13 bytes whatever the name (a name may have 255).
QString asideName(const QString &name)
{
    return QStringLiteral(".%1.fal-replaced-%2")
        .arg(RemotePath::truncatedName(name, 200),
             QString::number(QRandomGenerator::global()->generate64(), 36));
}
constexpr int kAsideAttempts = 3;
} // namespace

ReplaceFileJob::ReplaceFileJob(FilesClient *client, const RemotePath &from, const RemotePath &to,
                               QObject *parent)
    : Job(parent), m_client(client), m_from(from), m_to(to)
{
    setAutoDelete(true);
}

void ReplaceFileJob::doCancel()
{
    if (m_step)
        m_step->cancel(CancelMode::Quietly);
    if (m_movedAside)
        m_asideLeft = m_aside; // stopped halfway: say where the old file is
}

void ReplaceFileJob::doStart()
{
    // Asked again right before: what the person saw may have changed into a folder meanwhile.
    auto *stat = new StatJob(m_client, m_to, false, this);
    connect(stat, &ApiJob::finished, this, [this, stat] {
        if (!stat->succeeded())
            return finish(stat->error());
        if (!stat->spec().isFile)
            return finish(ApiError::make(
                ApiError::Kind::Conflict,
                tr("%1 is a folder; a folder is never replaced").arg(m_to.absolute())));
        moveAside(1);
    });
    m_step = stat;
    stat->start();
}

void ReplaceFileJob::moveAside(int attempt)
{
    m_aside = m_to.parent().child(asideName(m_to.name()));
    auto *rename = new RenameJob(m_client, m_to, m_aside, this);
    connect(rename, &ApiJob::finished, this, [this, rename, attempt] {
        if (rename->succeeded()) {
            m_movedAside = true;
            return moveIn();
        }
        if (rename->error().kind == ApiError::Kind::Conflict && attempt < kAsideAttempts)
            return moveAside(attempt + 1);
        finish(rename->error());
    });
    m_step = rename;
    rename->start();
}

void ReplaceFileJob::moveIn()
{
    auto *rename = new RenameJob(m_client, m_from, m_to, this);
    connect(rename, &ApiJob::finished, this, [this, rename] {
        if (rename->succeeded())
            return deleteAside();
        putBack(rename->error());
    });
    m_step = rename;
    rename->start();
}

void ReplaceFileJob::putBack(const ApiError &why)
{
    auto *rename = new RenameJob(m_client, m_aside, m_to, this);
    connect(rename, &ApiJob::finished, this, [this, rename, why] {
        if (rename->succeeded()) {
            m_movedAside = false;
        } else {
            // Both renames failed: the old file is safe, under the aside name. Say where.
            qCWarning(lcNetwork).noquote() << "could not put" << m_aside.absolute() << "back to"
                                           << m_to.absolute() << ":" << rename->error().message();
            m_asideLeft = m_aside;
        }
        finish(why);
    });
    m_step = rename;
    rename->start();
}

void ReplaceFileJob::deleteAside()
{
    auto *remove = new DeleteJob(m_client, m_aside, this);
    m_movedAside = false; // the new file is in place: the old one is only in the way now
    connect(remove, &ApiJob::finished, this, [this, remove] {
        if (!remove->succeeded()) {
            qCWarning(lcNetwork).noquote() << "replaced" << m_to.absolute()
                                           << "but the old file stays as" << m_aside.absolute();
            m_asideLeft = m_aside;
        }
        finish({});
    });
    m_step = remove;
    remove->start();
}

void ReplaceFileJob::finish(const ApiError &error)
{
    finishWith(error);
}
