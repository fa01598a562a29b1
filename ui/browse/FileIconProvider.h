#pragma once

#include "models/FileKind.h"

#include <QIcon>
#include <QPalette>

// Icons by file kind, from the Breeze theme: the desktop's own theme when there is one, else the
// Breeze SVGs bundled under :/icons (breeze-dark on a dark palette, whose glyphs are light).
class FileIconProvider
{
public:
    // Adds the system and bundled icon folders to the search path and picks the theme. Call
    // once after the QApplication exists, and again when the palette changes.
    static void installTheme(const QPalette &palette);
    static bool isDark(const QPalette &palette);

    static QIcon icon(FileKind::Kind kind, bool failed = false);
    // An action icon by its freedesktop name, e.g. "view-refresh".
    static QIcon named(const QString &name);
};
