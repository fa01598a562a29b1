#pragma once

#include <QByteArray>
#include <QString>

// Text that came from elsewhere (a server's message, a remote or a local file name), made safe to
// print or show. Control characters become visible escapes: C0 and DEL as "\x1b", "\x0a",
// "\x7f"; C1 as "\u009b". A terminal then cannot be driven by such text (no cursor moves, no
// window title, no cleared screen, no hidden line), and a dialog shows what is really there.
// Printable Unicode is kept as it is, and a backslash stays a backslash (so "\x1b" typed into a
// name reads the same as an escaped ESC; the escaped form is for people, not for parsing).
//
// The one function both the CLI and the app use: every place that prints or shows a remote
// string goes through here (ApiError::message(), the CLI's output and errors, the transfer list).
class VisibleText
{
public:
    static QString escaped(const QString &text);
    static bool hasControls(const QString &text);
    static bool isControl(char16_t c) { return c < 0x20 || (c >= 0x7f && c <= 0x9f); }
    // JSON from QJsonDocument::toJson(): it escapes C0 already, but DEL and C1 are legal raw in a
    // JSON string, so they are turned into \u escapes too. Still valid JSON, with the same values.
    static QByteArray escapedJson(const QByteArray &json);
};
