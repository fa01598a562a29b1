#include "ui/browse/PathClipboard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QStringList>

QString PathClipboard::pythonString(const QString &text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (const QChar c : text) {
        if (c == QLatin1Char('"') || c == QLatin1Char('\\'))
            out += QLatin1Char('\\');
        if (c.unicode() < 0x20) {
            out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            continue;
        }
        out += c;
    }
    out += QLatin1Char('"');
    return out;
}

QString PathClipboard::text(const QList<FileSpec> &items, Form form)
{
    QStringList parts;
    for (const FileSpec &item : items) {
        const RemotePath &path = item.path;
        switch (form) {
        case Form::Plain:
            parts << path.absolute();
            break;
        case Form::Python:
            parts << pythonString(path.absolute());
            break;
        case Form::UrlPath:
            // The route relative to the endpoint, percent-encoded as the client sends it.
            if (path.isRoot())
                parts << QStringLiteral("/files/list");
            else if (item.isDir())
                parts << QStringLiteral("/files/list/") + path.encodedForRoute();
            else
                parts << QStringLiteral("/files/file/") + path.encodedForRoute();
            break;
        }
    }
    if (form == Form::Python && parts.size() > 1)
        return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
    return parts.join(QLatin1Char('\n'));
}

void PathClipboard::copy(const QList<FileSpec> &items, Form form)
{
    if (items.isEmpty())
        return;
    const QString value = text(items, form);
    QClipboard *clipboard = QGuiApplication::clipboard();
    clipboard->setText(value, QClipboard::Clipboard);
    if (clipboard->supportsSelection())
        clipboard->setText(value, QClipboard::Selection);
}
