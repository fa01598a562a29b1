#include "network/transfer/UniqueName.h"

#include <QRegularExpression>

QString UniqueName::pick(const QString &name, const std::function<bool(const QString &)> &isTaken)
{
    if (!isTaken(name))
        return name;
    // Keep the extension ("model.tar.gz" keeps ".gz"; good enough and what file managers do),
    // but not for dot files (".env" has no extension to keep).
    qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
    if (dot <= 0)
        dot = name.size();
    QString stem = name.left(dot);
    const QString extension = name.mid(dot);
    // "a (1)" taken again becomes "a (2)", not "a (1) (1)".
    static const QRegularExpression numbered(QStringLiteral("^(.*) \\((\\d+)\\)$"));
    int first = 1;
    if (const auto match = numbered.match(stem); match.hasMatch()) {
        stem = match.captured(1);
        first = match.captured(2).toInt() + 1;
    }
    // One arg() call: a "%2" in the name stays text.
    for (int n = first;; ++n) {
        const QString candidate
            = QStringLiteral("%1 (%2)%3").arg(stem, QString::number(n), extension);
        if (!isTaken(candidate))
            return candidate;
    }
}
