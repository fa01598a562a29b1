#include "ui/browse/DragOutExporter.h"

#include "ui/UiLog.h"

#include <QDBusConnectionInterface>
#include <QDir>
#include <QFileInfo>
#include <QMimeData>
#include <QTimer>
#include <QUrl>

DragOutExporter::DragOutExporter(Downloader downloader, QDBusConnection bus, QObject *parent)
    : QObject(parent), m_downloader(std::move(downloader)), m_bus(std::move(bus))
{
}

DragOutExporter::~DragOutExporter()
{
    if (m_registered)
        m_bus.unregisterObject(objectPath());
}

bool DragOutExporter::ensureRegistered()
{
    if (m_registered)
        return true;
    if (!m_bus.isConnected())
        return false; // no session bus (a bare X server, a CI box): the drag carries text only
    m_registered = m_bus.registerObject(objectPath(), this, QDBusConnection::ExportScriptableSlots);
    if (!m_registered)
        qCWarning(lcUi) << "cannot offer drags out over D-Bus:" << m_bus.lastError().message();
    return m_registered;
}

bool DragOutExporter::decorate(QMimeData *data, const QList<FileSpec> &items)
{
    m_pending = items;
    ++m_drag;
    if (items.isEmpty() || !ensureRegistered())
        return false;
    data->setData(serviceMimeType(), m_bus.baseService().toUtf8());
    data->setData(pathMimeType(), objectPath().toUtf8());
    return true;
}

void DragOutExporter::extractSelectedFilesTo(const QString &destination)
{
    // Dolphin and Plasma send a path; others may send a URL. Only a folder on this machine can
    // take files.
    const QString folder
        = QDir::isAbsolutePath(destination) ? destination : QUrl(destination).toLocalFile();
    if (m_pending.isEmpty()) {
        Q_EMIT refused(QStringLiteral("Nothing was being dragged."));
        return;
    }
    if (folder.isEmpty() || !QFileInfo(folder).isDir()) {
        Q_EMIT refused(
            QStringLiteral("Cannot download to %1: only a folder on this computer can take "
                           "files from /data.")
                .arg(destination));
        return;
    }
    qCInfo(lcUi) << "drop outside the app to" << folder << "of items:" << m_pending.size();
    m_downloader(m_pending, folder);
    m_pending.clear(); // one drop per drag
}

void DragOutExporter::dragEnded()
{
    QTimer::singleShot(m_forgetAfterMs, this, [this, drag = m_drag] {
        if (drag == m_drag)
            m_pending.clear();
    });
}
