#pragma once

#include "network/api/FileSpec.h"

#include <QDBusConnection>
#include <QList>
#include <QObject>

#include <functional>

class QMimeData;

// Drags out of the app onto a local file manager or the desktop, where the platform allows: the
// items are on fal's servers, not on this disk, so there is no file a drop could copy. KDE's file
// manager and desktop speak the drag protocol Ark uses for archive entries: the
// drag names a D-Bus service and object, and the drop target calls
// org.kde.ark.DndExtract.extractSelectedFilesTo(folder) on it. This object answers that call by
// queueing downloads of the dragged items into that folder (conflicts are asked as for any
// download). Elsewhere the drag still carries the /data paths as text, and "Download…" remains.
class DragOutExporter : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.ark.DndExtract")
public:
    using Downloader = std::function<void(const QList<FileSpec> &items, const QString &folder)>;

    static QString serviceMimeType()
    {
        return QStringLiteral("application/x-kde-ark-dndextract-service");
    }
    static QString pathMimeType()
    {
        return QStringLiteral("application/x-kde-ark-dndextract-path");
    }
    static QString objectPath() { return QStringLiteral("/ai/fal/Files/DragOut"); }

    DragOutExporter(Downloader downloader, QDBusConnection bus = QDBusConnection::sessionBus(),
                    QObject *parent = nullptr);
    ~DragOutExporter() override;

    // Called as a drag leaves: remembers `items` as what a drop would fetch and, when the bus
    // answers, adds the protocol's two formats to `data`. Returns whether it added them.
    bool decorate(QMimeData *data, const QList<FileSpec> &items);
    QList<FileSpec> pendingItems() const { return m_pending; }
    // The drag is over: a drop target may still be calling back (Plasma's call is asynchronous),
    // so the items are forgotten a little later, after which a call fetches nothing.
    void dragEnded();
    void setForgetDelayMs(int ms) { m_forgetAfterMs = ms; }

public Q_SLOTS:
    // The drop target's call; `destination` is a local path or a file:// URL of a folder.
    Q_SCRIPTABLE void extractSelectedFilesTo(const QString &destination);

Q_SIGNALS:
    void refused(const QString &why); // a drop somewhere a download cannot go

private:
    bool ensureRegistered();

    Downloader m_downloader;
    QDBusConnection m_bus;
    QList<FileSpec> m_pending;
    bool m_registered = false;
    int m_forgetAfterMs = 10'000;
    quint64 m_drag = 0; // counts drags, so a late forget does not clear a newer one
};
