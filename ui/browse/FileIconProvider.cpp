#include "ui/browse/FileIconProvider.h"

#include "ui/UiLog.h"

#include <QDir>
#include <QStandardPaths>

static void initBundledIcons()
{
    Q_INIT_RESOURCE(fal_icons); // outside any namespace, as the macro requires
}

bool FileIconProvider::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void FileIconProvider::installTheme(const QPalette &palette)
{
    static bool initialised = false;
    if (!initialised) {
        initialised = true;
        initBundledIcons();
        // Under offscreen or a bare X server the search path is only :/icons; the installed
        // themes live in the XDG data folders.
        QStringList paths = QIcon::themeSearchPaths();
        const QStringList dataDirs
            = QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation);
        for (const QString &dir : dataDirs) {
            const QString icons = QDir(dir).filePath(QStringLiteral("icons"));
            if (QDir(icons).exists() && !paths.contains(icons))
                paths.append(icons);
        }
        if (!paths.contains(QStringLiteral(":/icons")))
            paths.append(QStringLiteral(":/icons")); // the bundled subset, last
        QIcon::setThemeSearchPaths(paths);
        QIcon::setFallbackThemeName(QStringLiteral("breeze"));
    }
    // A real desktop's choice is kept; with none (hicolor is the bare default) Breeze it is,
    // dark glyphs or light ones to suit the palette.
    const QString current = QIcon::themeName();
    const bool ours = current.isEmpty() || current == QLatin1String("hicolor")
        || current == QLatin1String("breeze") || current == QLatin1String("breeze-dark");
    if (ours)
        QIcon::setThemeName(isDark(palette) ? QStringLiteral("breeze-dark")
                                            : QStringLiteral("breeze"));
    qCDebug(lcUi) << "icon theme" << QIcon::themeName() << "search path"
                  << QIcon::themeSearchPaths();
}

QIcon FileIconProvider::named(const QString &name)
{
    return QIcon::fromTheme(name);
}

QIcon FileIconProvider::icon(FileKind::Kind kind, bool failed)
{
    if (failed)
        return named(QStringLiteral("folder-important"));
    switch (kind) {
    case FileKind::Folder:
        return named(QStringLiteral("folder"));
    case FileKind::Weights:
        return named(QStringLiteral("application-x-sharedlib"));
    case FileKind::Archive:
        return named(QStringLiteral("application-x-archive"));
    case FileKind::Image:
        return named(QStringLiteral("image-x-generic"));
    case FileKind::Video:
        return named(QStringLiteral("video-x-generic"));
    case FileKind::Audio:
        return named(QStringLiteral("audio-x-generic"));
    case FileKind::Text:
        return named(QStringLiteral("text-plain"));
    case FileKind::Generic:
        break;
    }
    return named(QStringLiteral("application-octet-stream"));
}
