#include "network/text/TextFormat.h"

#include <QCoreApplication>
#include <QLocale>
#include <QLoggingCategory>
#include <QPointer>
#include <QRegularExpression>
#include <QTranslator>

#include <cmath>
#include <cstdlib>
#include <limits>

namespace {

Q_LOGGING_CATEGORY(lcText, "fal.text")

// Every program that formats text with this class gets the plural forms without having to
// remember to ask: this file is linked whenever any of its functions is used (a static
// library's object file comes with what it defines), and with it this startup function.
void installOnStartup()
{
    TextFormat::installTranslations(QCoreApplication::instance());
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(installOnStartup)

QString TextFormat::size(qint64 bytes)
{
    if (bytes < 0)
        return QStringLiteral("—");
    const QLocale locale;
    if (bytes < 1024)
        return locale.toString(bytes) + QStringLiteral(" B");
    constexpr int kUnits = 6;
    static const char *const units[kUnits] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    // 1023.96 KiB would round to "1024.0 KiB": it is written "1.0 MiB".
    while (value >= 1023.95 && unit + 1 < kUnits) {
        value /= 1024.0;
        ++unit;
    }
    return locale.toString(value, 'f', 1) + QLatin1Char(' ') + QLatin1String(units[unit]);
}

QString TextFormat::speed(double bytesPerSecond)
{
    if (!(bytesPerSecond >= 1.0))
        return {};
    return size(qint64(qMin(bytesPerSecond, 9.0e18))) + QStringLiteral("/s");
}

QString TextFormat::duration(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return QCoreApplication::translate("TextFormat", "%1 s").arg(seconds);
    if (seconds < 3600)
        return QCoreApplication::translate("TextFormat", "%1 min %2 s")
            .arg(seconds / 60)
            .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QCoreApplication::translate("TextFormat", "%1 h %2 min")
        .arg(seconds / 3600)
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'));
}

// The locale's short time, without seconds: KDE shows "14:02", and the C locale (a machine with
// LANG=C.UTF-8) would otherwise say "14:02:29".
static QString shortTimeFormat(const QLocale &locale)
{
    QString format = locale.timeFormat(QLocale::ShortFormat);
    static const QRegularExpression seconds(QStringLiteral("[:.]s{1,2}(\\.z+)?"));
    format.remove(seconds);
    return format;
}

QString TextFormat::dateTime(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return {};
    const QLocale locale;
    const QDateTime local = when.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString time = locale.toString(local.time(), shortTimeFormat(locale));
    if (local.date() == today)
        return QCoreApplication::translate("TextFormat", "Today at %1").arg(time);
    if (local.date() == today.addDays(-1))
        return QCoreApplication::translate("TextFormat", "Yesterday at %1").arg(time);
    return locale.toString(local.date(), QLocale::ShortFormat) + QLatin1Char(' ') + time;
}

QString TextFormat::byteCount(qint64 bytes)
{
    // %n takes an int; past its range the form is chosen by a number with the same last six
    // digits (what plural rules look at), and the digits themselves are put in by arg().
    const int n = bytes >= 0 && bytes <= std::numeric_limits<int>::max()
        ? int(bytes)
        : int(std::abs(bytes % 1000000)) + 1000000;
    return QCoreApplication::translate("TextFormat", "%1 byte(s)", nullptr, n)
        .arg(QString::number(bytes));
}

// %Ln: the count with the locale's digit grouping ("1,234 files"). The source text says
// "(s)"; the English translation gives the two forms.
QString TextFormat::items(int n)
{
    return QCoreApplication::translate("TextFormat", "%Ln item(s)", nullptr, n);
}

QString TextFormat::files(int n)
{
    return QCoreApplication::translate("TextFormat", "%Ln file(s)", nullptr, n);
}

QString TextFormat::folders(int n)
{
    return QCoreApplication::translate("TextFormat", "%Ln folder(s)", nullptr, n);
}

QString TextFormat::subfolders(int n)
{
    return QCoreApplication::translate("TextFormat", "%Ln subfolder(s)", nullptr, n);
}

QString TextFormat::transfers(int n)
{
    return QCoreApplication::translate("TextFormat", "%Ln transfer(s)", nullptr, n);
}

QString TextFormat::plural(const char *context, const char *sourceText, int n)
{
    return QCoreApplication::translate(context, sourceText, nullptr, n);
}

QString TextFormat::translationFile()
{
    return QStringLiteral(":/i18n/fal-files_en.qm");
}

bool TextFormat::installTranslations(QCoreApplication *app)
{
    static QPointer<QTranslator> installed; // parented to the application it is installed in
    if (!app)
        return false;
    if (installed && installed->parent() == app)
        return true;
    // The .qm is a resource of this static library (qt_add_translations in CMakeLists.txt);
    // naming its initializer here makes the link fail rather than the plurals, were it dropped.
    Q_INIT_RESOURCE(fal_text_translations);
    // English whatever the locale: the source text is English, and the English numerus rules
    // are the ones that fit it. A German locale must still read "2 files", not "2 file(s)".
    auto *translator = new QTranslator(app);
    if (!translator->load(translationFile())) {
        qCWarning(lcText) << "could not load" << translationFile() << "; plurals read \"(s)\"";
        delete translator;
        return false;
    }
    QCoreApplication::installTranslator(translator);
    installed = translator;
    return true;
}
