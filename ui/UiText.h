#pragma once

#include <QDateTime>
#include <QString>

// Counted nouns for the few sentences the window says ("1 item", "3 items"): Qt's %n plural
// forms need a translation file to read well in English, and the app ships none yet.
class UiText
{
public:
    static QString items(qint64 n);
    static QString files(qint64 n);
    static QString folders(qint64 n);
    static QString transfers(qint64 n);
    // "modified today", "modified yesterday", "modified on 3 Nov 2026"; empty when unknown.
    static QString modified(const QDateTime &when);
};
