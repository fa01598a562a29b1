#include "network/sync/IgnoreRules.h"

#include <QFile>

namespace {

// Removes trailing unescaped spaces ("foo  " -> "foo", "foo\ " stays).
QString trimTrailingSpaces(QString line)
{
    while (line.endsWith(QLatin1Char(' '))) {
        qsizetype backslashes = 0;
        for (qsizetype i = line.size() - 2; i >= 0 && line.at(i) == QLatin1Char('\\'); --i)
            ++backslashes;
        if (backslashes % 2 == 1)
            break; // "\ ": an escaped space is kept
        line.chop(1);
    }
    return line;
}

// The regex of a bracket expression starting at glob[i] == '['; advances i past the ']'. False
// (i untouched) when the bracket is not closed: the '[' is then a literal.
bool translateBracket(const QString &glob, qsizetype &i, QString *out)
{
    qsizetype j = i + 1;
    QString set = QStringLiteral("[");
    if (j < glob.size() && (glob.at(j) == QLatin1Char('!') || glob.at(j) == QLatin1Char('^'))) {
        set += QLatin1Char('^');
        ++j;
    }
    bool first = true;
    for (; j < glob.size(); ++j) {
        const QChar c = glob.at(j);
        if (c == QLatin1Char(']') && !first) {
            // A set never matches '/', negated or not.
            if (set.startsWith(QLatin1String("[^")))
                *out += set + QStringLiteral("/]");
            else
                *out += QStringLiteral("(?!/)") + set + QLatin1Char(']');
            i = j;
            return true;
        }
        first = false;
        if (c == QLatin1Char('\\') && j + 1 < glob.size()) {
            ++j;
            set += QLatin1Char('\\') + glob.at(j);
        } else if (c == QLatin1Char('[') || c == QLatin1Char('\\') || c == QLatin1Char('^')
                   || c == QLatin1Char(']')) {
            set += QLatin1Char('\\') + c;
        } else {
            set += c; // '-' keeps its meaning of a range
        }
    }
    return false;
}

} // namespace

QString IgnoreRules::translate(const QString &glob, bool *ok)
{
    *ok = true;
    QString out;
    const qsizetype n = glob.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = glob.at(i);
        if (c == QLatin1Char('*')) {
            qsizetype stars = 1;
            while (i + stars < n && glob.at(i + stars) == QLatin1Char('*'))
                ++stars;
            const bool atSegmentStart = i == 0 || glob.at(i - 1) == QLatin1Char('/');
            const bool atSegmentEnd = i + stars == n || glob.at(i + stars) == QLatin1Char('/');
            if (stars >= 2 && atSegmentStart && atSegmentEnd) {
                if (i + stars == n) {
                    // "x/**": everything inside; a lone "**": everything.
                    out += QStringLiteral(".*");
                } else {
                    // "**/" (leading or in the middle): zero or more folders.
                    out += QStringLiteral("(?:.*/)?");
                    ++i; // the '/' after the stars is part of it
                }
            } else {
                out += QStringLiteral("[^/]*");
            }
            i += stars - 1;
        } else if (c == QLatin1Char('?')) {
            out += QStringLiteral("[^/]");
        } else if (c == QLatin1Char('[')) {
            if (!translateBracket(glob, i, &out))
                out += QStringLiteral("\\[");
        } else if (c == QLatin1Char('\\')) {
            if (i + 1 < n) {
                ++i;
                out += QRegularExpression::escape(glob.at(i));
            } else {
                *ok = false; // a trailing backslash: git's wildmatch never matches it
            }
        } else {
            out += QRegularExpression::escape(c);
        }
    }
    return out;
}

bool IgnoreRules::addPattern(const QString &rawLine)
{
    QString line = rawLine;
    if (line.endsWith(QLatin1Char('\r')))
        line.chop(1);
    line = trimTrailingSpaces(line);
    if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
        return false;
    Pattern pattern;
    if (line.startsWith(QLatin1Char('!'))) {
        pattern.negated = true;
        line.remove(0, 1);
    }
    if (line.endsWith(QLatin1Char('/'))) {
        pattern.dirOnly = true;
        line.chop(1);
    }
    if (line.isEmpty())
        return false;
    // A slash at the start or in the middle anchors; "**/" at the start does not need to.
    bool anchored = line.contains(QLatin1Char('/'));
    if (line.startsWith(QLatin1Char('/')))
        line.remove(0, 1);
    if (line.isEmpty())
        return false;
    bool ok = false;
    const QString body = translate(line, &ok);
    if (!ok)
        return false;
    const QString regex = anchored ? QStringLiteral("^") + body + QStringLiteral("$")
                                   : QStringLiteral("^(?:.*/)?") + body + QStringLiteral("$");
    pattern.regex = QRegularExpression(regex, QRegularExpression::DotMatchesEverythingOption);
    if (!pattern.regex.isValid())
        return false;
    pattern.regex.optimize();
    m_patterns.append(pattern);
    return true;
}

void IgnoreRules::addLines(const QString &text)
{
    for (const QString &line : text.split(QLatin1Char('\n')))
        addPattern(line);
}

bool IgnoreRules::addFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    addLines(QString::fromUtf8(file.readAll()));
    return true;
}

bool IgnoreRules::matches(const QString &path, bool isDir) const
{
    bool ignored = false;
    for (const Pattern &pattern : m_patterns) {
        if (pattern.negated != ignored)
            continue; // cannot change the verdict
        if (pattern.dirOnly && !isDir)
            continue;
        if (pattern.regex.match(path).hasMatch())
            ignored = !pattern.negated;
    }
    return ignored;
}

bool IgnoreRules::isIgnored(const QString &path, bool isDir) const
{
    if (m_patterns.isEmpty())
        return false;
    for (qsizetype slash = path.indexOf(QLatin1Char('/')); slash > 0;
         slash = path.indexOf(QLatin1Char('/'), slash + 1)) {
        if (matches(path.left(slash), true))
            return true;
    }
    return matches(path, isDir);
}
