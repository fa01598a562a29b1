#include "UiText.h"

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

QString UiText::folders(qint64 n)
{
    return counted(n, "1 folder", "%1 folders");
}
