#pragma once

#include <QDateTime>
#include <QString>

class QCoreApplication;

// How fal Files writes quantities for people, in one style wherever they are shown: the tree, the
// transfers dock, dialogs, the status bar and the CLI's human output. (Machine-readable output,
// --json and exact byte counts, is not for people and does not come through here.)
//
//   size(1572864)       "1.5 MiB"    KDE's style: binary units, one decimal; "512 B" below 1 KiB
//   speed(2411724.8)    "2.3 MiB/s"
//   duration(3900)      "1 h 05 min"; "4 min 05 s", "12 s"
//   dateTime(t, now)    "Today at 14:02", "Yesterday at 09:10", else the locale's short date
//                       and time, as Dolphin shows them
//   files(2)            "2 files"    counted nouns through Qt's %n plurals
//
// Numbers follow QLocale() (the system's unless a test sets another). The counted nouns are
// written "%Ln file(s)" in the source and read "1 file" / "2 files" only through the English
// translation (resources/translations/fal-files_en.ts); installTranslations() puts it in place,
// and every program that links this file has it installed when its QCoreApplication starts.
class TextFormat
{
public:
    // "1.5 MiB"; "—" when the size is unknown (negative).
    static QString size(qint64 bytes);
    // "2.3 MiB/s"; empty below 1 byte per second (nothing to say).
    static QString speed(double bytesPerSecond);
    // "12 s", "4 min 05 s", "1 h 05 min" (hours keep counting past a day); empty when < 0
    // (unknown).
    static QString duration(qint64 seconds);
    // Relative to `now` (injectable for tests), in local time; empty when `when` is invalid.
    static QString dateTime(const QDateTime &when,
                            const QDateTime &now = QDateTime::currentDateTime());

    // An exact count, digits only so it can be copied into other tools: "1 byte", "3072 bytes".
    static QString byteCount(qint64 bytes);

    static QString items(int n); // "1 item", "3 items"
    static QString files(int n);
    static QString folders(int n);
    static QString subfolders(int n);
    static QString transfers(int n);
    // Any other sentence with a count, outside a QObject's tr(): translate(context, sourceText,
    // n), with sourceText marked QT_TRANSLATE_N_NOOP(context, "...%n...(s)...") for lupdate.
    // Going through here, rather than calling translate() directly, links this file and so the
    // translation into every program that shows the sentence (a unit test of one class too).
    static QString plural(const char *context, const char *sourceText, int n);

    // Installs the English translation that gives the plural forms into `app`; once per
    // application (a second call is a no-op and returns true). False if it could not be loaded.
    static bool installTranslations(QCoreApplication *app);
    // The translation's resource path.
    static QString translationFile();
};
