#include "models/StorageBreakdown.h"

#include "models/FolderSizeCache.h"
#include "models/RemoteTreeModel.h"

#include <algorithm>
#include <vector>

StorageBreakdown::StorageBreakdown(RemoteTreeModel *model, QObject *parent)
    : QObject(parent), m_model(model)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kRefreshMs);
    connect(&m_timer, &QTimer::timeout, this, &StorageBreakdown::recount);
    FolderSizeCache *sizes = model->folderSizes();
    // Only what is below the folder matters; everything else is one cheap check.
    auto below = [this](const RemotePath &path) {
        if (path.parent() == m_folder && !path.isRoot())
            schedule();
    };
    connect(sizes, &FolderSizeCache::sizeChanged, this, below);
    connect(sizes, &FolderSizeCache::progress, this, below);
    auto rows = [this](const QModelIndex &parent) {
        if (m_model->pathForIndex(parent) == m_folder)
            schedule();
    };
    connect(model, &QAbstractItemModel::rowsInserted, this, rows);
    connect(model, &QAbstractItemModel::rowsRemoved, this, rows);
    connect(model, &QAbstractItemModel::dataChanged, this,
            [rows](const QModelIndex &topLeft) { rows(topLeft.parent()); });
    connect(model, &QAbstractItemModel::modelReset, this, &StorageBreakdown::schedule);
    connect(model, &RemoteTreeModel::folderLoaded, this, [this](const RemotePath &folder) {
        if (folder == m_folder)
            schedule();
    });
}

void StorageBreakdown::setFolder(const RemotePath &folder)
{
    m_folder = folder;
    if (m_active)
        m_model->measureChildren(m_model->indexForPath(folder));
    recount(); // at once: the view shows the new folder, not the old one for 250 ms
}

void StorageBreakdown::setActive(bool active)
{
    m_active = active;
    if (active)
        setFolder(m_folder);
    else
        m_timer.stop();
}

void StorageBreakdown::schedule()
{
    // Throttled, not debounced: while walks report every few milliseconds the view still moves.
    if (m_active && !m_timer.isActive())
        m_timer.start();
}

void StorageBreakdown::recount()
{
    m_timer.stop();
    Summary summary;
    summary.folder = m_folder;
    const QModelIndex parent = m_model->indexForPath(m_folder);
    summary.listed = parent.isValid() && parent.data(RemoteTreeModel::ListedRole).toBool()
        && !parent.data(RemoteTreeModel::LoadingRole).toBool();
    const FolderSizeCache *sizes = m_model->folderSizes();
    const int rows = parent.isValid() ? m_model->rowCount(parent) : 0;
    std::vector<Slice> all;
    all.reserve(size_t(rows));
    for (int row = 0; row < rows; ++row) {
        const FileSpec *spec = m_model->specForIndex(m_model->index(row, 0, parent));
        if (!spec)
            continue;
        Slice slice;
        slice.path = spec->path;
        slice.name = spec->name;
        slice.isDir = spec->isDir();
        if (!slice.isDir) {
            slice.bytes = spec->size;
            slice.files = 1;
            ++summary.files;
        } else {
            const FolderSizeCache::Entry entry = sizes->entry(spec->path);
            const FolderSizeCache::Size &size = entry.known ? entry.size : entry.soFar;
            slice.known = entry.known;
            slice.failed
                = !entry.known && !entry.error.isEmpty() && !entry.measuring && !entry.waiting;
            slice.error = entry.error;
            slice.bytes = size.bytes;
            slice.files = size.files;
            slice.folders = size.folders;
            if (!entry.known && !slice.failed)
                ++summary.measuring;
            summary.failed += slice.failed ? 1 : 0;
            summary.files += size.files;
            summary.folders += 1 + size.folders;
        }
        summary.bytes += slice.bytes;
        all.push_back(std::move(slice));
    }
    // Biggest first; equal sizes by name so the bars do not swap places while nothing changes.
    const auto bigger = [](const Slice &a, const Slice &b) {
        return a.bytes != b.bytes ? a.bytes > b.bytes : a.name < b.name;
    };
    const size_t top = std::min(all.size(), size_t(kTop));
    std::partial_sort(all.begin(), all.begin() + qsizetype(top), all.end(), bigger);
    summary.slices.reserve(qsizetype(top) + 1);
    for (size_t i = 0; i < top; ++i)
        summary.slices.append(std::move(all[i]));
    if (all.size() > top) {
        Slice other;
        other.known = true;
        for (size_t i = top; i < all.size(); ++i) {
            other.bytes += all[i].bytes;
            other.files += all[i].files;
            other.folders += all[i].folders + (all[i].isDir ? 1 : 0);
            other.known = other.known && (all[i].known || all[i].failed);
            ++other.otherItems;
        }
        summary.slices.append(other);
    }
    m_summary = std::move(summary);
    Q_EMIT changed();
}
