#include "ui/transfers/TransferActions.h"

#include "models/RemoteTreeModel.h"
#include "network/text/TextFormat.h"
#include "network/text/VisibleText.h"
#include "network/transfer/TransferService.h"
#include "ui/TransferSettings.h"
#include "ui/UiLog.h"
#include "ui/browse/DragOutExporter.h"
#include "ui/browse/ImportUrlDialog.h"
#include "ui/browse/RemoteView.h"

#include <QAbstractProxyModel>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>
#include <QWidget>

TransferActions::TransferActions(TransferService *transfers, RemoteTreeModel *model,
                                 QWidget *window)
    : QObject(window)
    , m_transfers(transfers)
    , m_model(model)
    , m_window(window)
    , m_dragOut(new DragOutExporter(
          [this](const QList<FileSpec> &items, const QString &folder) { download(items, folder); },
          QDBusConnection::sessionBus(), this))
{
    connect(m_dragOut, &DragOutExporter::refused, this, &TransferActions::message);
    if (m_transfers) {
        connect(m_transfers, &TransferService::batchReady, this,
                [this](qint64 batch, const QList<qint64> &ids) {
                    if (!m_importBatches.remove(batch))
                        return;
                    for (qint64 id : ids) {
                        m_imports.insert(id);
                        followImport(id); // it may have ended already
                    }
                });
        connect(m_transfers, &TransferService::batchFailed, this,
                [this](qint64 batch, const QString &error) {
                    if (m_importBatches.remove(batch))
                        Q_EMIT message(tr("The import did not start: %1").arg(error));
                });
        connect(m_transfers, &TransferService::itemChanged, this, &TransferActions::followImport);
        connect(m_transfers, &TransferService::itemChanged, this, &TransferActions::followBatch);
    }
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(500);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        // A dropped folder lands as files deep in folders the tree has not seen: each change
        // refreshes the nearest listed folder above it, once for all of them.
        QSet<RemotePath> listed;
        for (const RemotePath &folder : std::exchange(m_changed, {}))
            listed.insert(m_model->nearestListed(folder));
        for (const RemotePath &folder : std::as_const(listed))
            m_model->refreshPath(folder);
    });
    if (!m_transfers)
        return;
    connect(m_transfers, &TransferService::remoteChanged, this, &TransferActions::remoteChanged);
    // What a drop's scan left out (links pointing out of the folder, devices) is said in the
    // status bar; the names are local and may hold anything, so they are escaped.
    connect(m_transfers, &TransferService::batchReady, this,
            [this](qint64, const QList<qint64> &, const QStringList &notes) {
                if (notes.isEmpty())
                    return;
                qCInfo(lcUi) << "batch notes:" << notes;
                Q_EMIT message(VisibleText::escaped(notes.join(QLatin1Char(' '))));
            });
}

void TransferActions::offerDownloadsOnDragOut(RemoteView *view)
{
    connect(view, &RemoteView::dragStarting, this,
            [this, view](QMimeData *data, const QModelIndexList &names) {
                const auto *proxy = qobject_cast<const QAbstractProxyModel *>(view->model());
                QList<FileSpec> items;
                for (const QModelIndex &name : names) {
                    const QModelIndex source = proxy ? proxy->mapToSource(name) : name;
                    if (const FileSpec *spec = m_model->specForIndex(source))
                        items << *spec;
                }
                m_dragOut->decorate(data, items);
            });
    connect(view, &RemoteView::dragEnded, m_dragOut, &DragOutExporter::dragEnded);
}

void TransferActions::remoteChanged(const RemotePath &folder)
{
    // Uploads of many small files report each one; the tree is listed once for all of them.
    m_changed.insert(folder);
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

QString TransferActions::lastLocalFolder() const
{
    const QString stored
        = QSettings().value(QStringLiteral("transfers/lastLocalFolder")).toString();
    if (!stored.isEmpty() && QFileInfo(stored).isDir())
        return stored;
    return QStandardPaths::writableLocation(QStandardPaths::HomeLocation);
}

void TransferActions::rememberLocalFolder(const QString &folder)
{
    QSettings().setValue(QStringLiteral("transfers/lastLocalFolder"), folder);
}

void TransferActions::chooseFilesToUpload(const RemotePath &folder)
{
    const QStringList files = QFileDialog::getOpenFileNames(
        m_window, tr("Upload Files to %1").arg(folder.absolute()), lastLocalFolder());
    if (files.isEmpty())
        return;
    rememberLocalFolder(QFileInfo(files.first()).absolutePath());
    upload(files, folder);
}

void TransferActions::chooseFolderToUpload(const RemotePath &folder)
{
    const QString local = QFileDialog::getExistingDirectory(
        m_window, tr("Upload a Folder to %1").arg(folder.absolute()), lastLocalFolder());
    if (local.isEmpty())
        return;
    rememberLocalFolder(QFileInfo(local).absolutePath());
    upload({local}, folder);
}

void TransferActions::chooseDownloadFolder(const QList<FileSpec> &items)
{
    if (items.isEmpty())
        return;
    const QString local = QFileDialog::getExistingDirectory(
        m_window,
        tr("Download %1 to…")
            .arg(items.size() == 1 ? items.first().name : TextFormat::items(items.size())),
        TransferSettings::downloadFolderOr(lastLocalFolder()));
    if (local.isEmpty())
        return;
    rememberLocalFolder(local);
    download(items, local);
}

void TransferActions::askUrlToImport(const RemotePath &folder)
{
    auto *dialog = new ImportUrlDialog(folder, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this, dialog] { importUrl(dialog->url(), dialog->target()); });
    dialog->open();
}

qint64 TransferActions::upload(const QStringList &localPaths, const RemotePath &folder)
{
    if (!m_transfers || localPaths.isEmpty())
        return 0;
    QStringList absolute;
    for (const QString &path : localPaths)
        absolute << QFileInfo(path).absoluteFilePath();
    qCInfo(lcUi) << "upload to" << folder.absolute() << "of local paths:" << absolute.size();
    const qint64 batch = m_transfers->upload(absolute, folder);
    const Said said {true,
                     absolute.size() == 1 ? QFileInfo(absolute.first()).fileName()
                                          : TextFormat::items(int(absolute.size())),
                     folder.absolute()};
    m_batches.insert(batch, said);
    Q_EMIT message(tr("Uploading %1 to %2…").arg(said.what, said.where));
    return batch;
}

qint64 TransferActions::download(const QList<FileSpec> &items, const QString &localFolder)
{
    if (!m_transfers || items.isEmpty())
        return 0;
    const qint64 batch = m_transfers->download(items, localFolder);
    const Said said {false,
                     items.size() == 1 ? items.first().name : TextFormat::items(int(items.size())),
                     QDir::toNativeSeparators(localFolder)};
    m_batches.insert(batch, said);
    Q_EMIT message(tr("Downloading %1 to %2…").arg(said.what, said.where));
    return batch;
}

qint64 TransferActions::importUrl(const QUrl &url, const RemotePath &target)
{
    if (!m_transfers)
        return 0;
    const qint64 batch = m_transfers->importUrl(url, target);
    m_importBatches.insert(batch);
    Q_EMIT message(tr("Importing %1 into %2…").arg(url.toDisplayString(), target.absolute()));
    return batch;
}

void TransferActions::followBatch(qint64 id)
{
    const TransferItem *item = m_transfers->item(id);
    if (!item || !item->isFinished() || !m_batches.contains(item->batchId)
        || !m_transfers->isBatchFinished(item->batchId))
        return;
    const Said said = m_batches.take(item->batchId);
    int failed = 0;
    for (const qint64 each : m_transfers->batchItems(item->batchId)) {
        const TransferItem *other = m_transfers->item(each);
        failed += other && other->state == TransferItem::State::Failed ? 1 : 0;
    }
    // Names come from the disk or the server: escaped, as everywhere in the window.
    const QString what = VisibleText::escaped(said.what), where = VisibleText::escaped(said.where);
    if (failed > 0)
        Q_EMIT message(tr("%1 to %2 ended with %3 failed (see the transfers dock)")
                           .arg(what, where, TextFormat::files(failed)));
    else
        Q_EMIT message(said.upload ? tr("Uploaded %1 to %2").arg(what, where)
                                   : tr("Downloaded %1 to %2").arg(what, where));
}

void TransferActions::followImport(qint64 id)
{
    if (!m_imports.contains(id))
        return; // not an import started here
    const TransferItem *item = m_transfers->item(id);
    if (!item || !item->isFinished())
        return;
    m_imports.remove(id);
    if (item->state == TransferItem::State::Done)
        Q_EMIT message(
            tr("Imported %1 into %2").arg(item->name(), item->remotePath.parent().absolute()));
    else if (item->state == TransferItem::State::Failed)
        Q_EMIT message(tr("Could not import %1: %2").arg(item->name(), item->error));
}
