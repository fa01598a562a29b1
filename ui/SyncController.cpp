#include "ui/SyncController.h"

#include "network/api/FilesClient.h"
#include "network/sync/ServiceSyncQueue.h"
#include "network/sync/SyncRunner.h"
#include "network/sync/SyncStateStore.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferService.h"
#include "ui/SyncDialog.h"
#include "ui/UiLog.h"

#include <QAction>
#include <QDir>
#include <QMenu>
#include <QSettings>
#include <QWidget>

SyncController::SyncController(FilesClient *client, TransferService *service, QWidget *window,
                               std::function<RemotePath()> currentFolder)
    : QObject(window)
    , m_client(client)
    , m_service(service)
    , m_window(window)
    , m_currentFolder(std::move(currentFolder))
{
    m_action
        = new QAction(QIcon::fromTheme(QStringLiteral("folder-sync")), tr("S&ync Folder…"), this);
    m_action->setObjectName(QStringLiteral("syncFolder"));
    m_action->setToolTip(tr("Keep a local folder and this /data folder the same, sending only "
                            "what changed"));
    connect(m_action, &QAction::triggered, this, [this] { openDialog(); });
    m_recent = new QMenu(tr("Recent S&yncs"), window);
    m_recent->setObjectName(QStringLiteral("recentSyncs"));
    connect(m_recent, &QMenu::aboutToShow, this, &SyncController::rebuildRecentMenu);
    rebuildRecentMenu();
}

SyncDialog *SyncController::openDialog(const SyncOptions *preset)
{
    // Comparing files of equal size needs the server's checksums (and .fal_hash its folder
    // hashes): the Platform API v1 has neither.
    if (!m_client->surface().supports(ApiSurface::Operation::Checksum)) {
        Q_EMIT failed(m_client->surface().whyNot(ApiSurface::Operation::Checksum));
        return nullptr;
    }
    SyncOptions options;
    if (preset) {
        options = *preset;
    } else {
        options.remoteRoot = m_currentFolder();
    }
    options.account = m_service->accountKey();
    auto *dialog = new SyncDialog(m_client, m_service->journalPath(), options, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SyncDialog::runSync, this, &SyncController::run);
    dialog->show();
    if (preset)
        dialog->startPlanning(); // a remembered pair: its plan first, then Sync
    return dialog;
}

void SyncController::run(const SyncPlan &plan)
{
    remember(plan.options);
    // The runner needs the sync state for as long as it runs: its own connection, its own
    // store, both going with it.
    auto *queue = new ServiceSyncQueue(m_service);
    auto store = std::make_shared<SyncStateStore>(m_service->journalPath());
    QString why;
    if (!store->open(&why)) {
        delete queue;
        Q_EMIT failed(why);
        return;
    }
    SyncPlan toRun = plan;
    toRun.options.localDeletesToTrash = true; // a desktop app deletes local files to the trash
    auto *runner = new SyncRunner(m_client, queue, store.get(), toRun, this);
    queue->setParent(runner);
    m_runners << runner;
    connect(runner, &SyncRunner::stageChanged, this,
            [this](const QString &what) { Q_EMIT message(tr("Sync: %1").arg(what)); });
    connect(runner, &SyncRunner::finished, this, [this, runner, store] {
        m_runners.removeAll(runner);
        runner->deleteLater();
        const SyncRunner::Result &result = runner->result();
        const SyncPlan &done = runner->plan();
        const QString folder = done.isUpload() ? done.options.remoteRoot.absolute()
                                               : QDir::toNativeSeparators(done.options.localRoot);
        if (runner->succeeded() && done.unsyncable > 0) {
            Q_EMIT failed(tr("%1 could not be synced to %2.\n%3")
                              .arg(TextFormat::files(done.unsyncable), VisibleText::escaped(folder),
                                   done.notes.join(u'\n')));
        } else if (runner->succeeded()) {
            QString text
                = (done.isUpload() ? tr("%1 is in sync: %2 sent")
                                   : tr("%1 is in sync: %2 downloaded"))
                      .arg(VisibleText::escaped(folder), TextFormat::files(result.transferred));
            if (result.deleted > 0)
                text += tr(", %1 deleted").arg(TextFormat::items(result.deleted));
            Q_EMIT message(text);
        } else {
            Q_EMIT failed(tr("The sync of %1 did not finish.\n%2")
                              .arg(VisibleText::escaped(folder),
                                   (result.transferErrors + result.errors).join(u'\n')));
        }
        Q_EMIT finished();
    });
    qCInfo(lcUi).noquote() << "sync:" << plan.summary();
    runner->start();
}

QList<SyncOptions> SyncController::recentPairs() const
{
    QSettings settings;
    QList<SyncOptions> pairs;
    const int n = settings.beginReadArray(m_group + QStringLiteral("/recent"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        SyncOptions options;
        options.direction
            = settings.value(QStringLiteral("direction")).toString() == QLatin1String("download")
            ? SyncOptions::Direction::Download
            : SyncOptions::Direction::Upload;
        options.localRoot = settings.value(QStringLiteral("local")).toString();
        const auto remote = RemotePath::parse(settings.value(QStringLiteral("remote")).toString());
        if (!remote || options.localRoot.isEmpty())
            continue;
        options.remoteRoot = *remote;
        options.deleteExtra = settings.value(QStringLiteral("delete")).toBool();
        options.checksum = settings.value(QStringLiteral("checksum")).toBool();
        options.excludes = settings.value(QStringLiteral("excludes")).toStringList();
        pairs << options;
    }
    settings.endArray();
    return pairs;
}

void SyncController::remember(const SyncOptions &options)
{
    QList<SyncOptions> pairs = recentPairs();
    pairs.removeIf([&](const SyncOptions &old) {
        return old.direction == options.direction && old.localRoot == options.localRoot
            && old.remoteRoot == options.remoteRoot;
    });
    pairs.prepend(options);
    while (pairs.size() > kMaxRecent)
        pairs.removeLast();
    QSettings settings;
    settings.beginWriteArray(m_group + QStringLiteral("/recent"), int(pairs.size()));
    for (int i = 0; i < pairs.size(); ++i) {
        const SyncOptions &pair = pairs.at(i);
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("direction"),
                          pair.direction == SyncOptions::Direction::Upload
                              ? QStringLiteral("upload")
                              : QStringLiteral("download"));
        settings.setValue(QStringLiteral("local"), pair.localRoot);
        settings.setValue(QStringLiteral("remote"), pair.remoteRoot.absolute());
        settings.setValue(QStringLiteral("delete"), pair.deleteExtra);
        settings.setValue(QStringLiteral("checksum"), pair.checksum);
        settings.setValue(QStringLiteral("excludes"), pair.excludes);
    }
    settings.endArray();
    rebuildRecentMenu();
}

QString SyncController::describe(const SyncOptions &options)
{
    const QString local = QDir::toNativeSeparators(options.localRoot);
    const QString remote = options.remoteRoot.absolute();
    // Names from disk and from the server are shown escaped; "→" shows the direction.
    return VisibleText::escaped(options.direction == SyncOptions::Direction::Upload
                                    ? local + QStringLiteral(" → ") + remote
                                    : remote + QStringLiteral(" → ") + local)
        + (options.deleteExtra ? tr(" (with deletes)") : QString());
}

void SyncController::rebuildRecentMenu()
{
    m_recent->clear();
    const QList<SyncOptions> pairs = recentPairs();
    for (const SyncOptions &pair : pairs) {
        QAction *action = m_recent->addAction(describe(pair));
        // '&' in a path is not a mnemonic.
        action->setText(action->text().replace(u'&', QStringLiteral("&&")));
        connect(action, &QAction::triggered, this, [this, pair] { openDialog(&pair); });
    }
    m_recent->setEnabled(!pairs.isEmpty());
}
