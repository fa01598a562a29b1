#include "ui/UiText.h"

#include <QCoreApplication>
#include <QLocale>

namespace {
QString counted(qint64 n, const char *one, const char *many)
{
    return n == 1 ? QCoreApplication::translate("UiText", one)
                  : QCoreApplication::translate("UiText", many).arg(QLocale::system().toString(n));
}
} // namespace

QString UiText::items(qint64 n)
{
    return counted(n, "1 item", "%1 items");
}

QString UiText::files(qint64 n)
{
    return counted(n, "1 file", "%1 files");
}

QString UiText::transfers(qint64 n)
{
    return counted(n, "1 transfer", "%1 transfers");
}

QString UiText::folders(qint64 n)
{
    return counted(n, "1 folder", "%1 folders");
}

QString UiText::modified(const QDateTime &when)
{
    if (!when.isValid())
        return {};
    const QDate day = when.toLocalTime().date();
    const QDate today = QDate::currentDate();
    if (day == today)
        return QCoreApplication::translate("UiText", "modified today");
    if (day == today.addDays(-1))
        return QCoreApplication::translate("UiText", "modified yesterday");
    return QCoreApplication::translate("UiText", "modified on %1")
        .arg(QLocale::system().toString(day, QLocale::ShortFormat));
}
