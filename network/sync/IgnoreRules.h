#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>

// What a sync leaves alone, in .gitignore's language ("gitwildmatch", as git documents it in
// gitignore(5) and as fal's sync_dir reads the top-level .gitignore through pathspec):
//
// - blank lines and lines starting with `#` say nothing; `\#` and `\!` start a literal `#`/`!`;
//   trailing spaces are dropped unless escaped (`\ `);
// - `!` re-includes what an earlier pattern excluded; the last pattern that matches decides;
// - a trailing `/` matches folders only;
// - a `/` at the start or in the middle anchors the pattern at the top of the synced folder;
//   without one, it matches a name at any depth;
// - `*` is any run of characters but `/`, `?` one character but `/`, `[a-z]`, `[!a-z]` and `[^a-z]`
//   a set; a backslash escapes the next character;
// - `**/x` is x at any depth, `x/**` everything inside x, `a/**/b` zero or more folders between;
//   other runs of asterisks are one `*`;
// - what lies inside an excluded folder stays excluded whatever a later `!` says (git does not
//   look inside a folder it ignores, and neither does the sync).
//
// Paths are relative to the synced folder, '/'-separated, without a leading slash.
class IgnoreRules
{
public:
    // One line of an ignore file (or one --exclude). False, when the line says nothing.
    bool addPattern(const QString &line);
    void addLines(const QString &text);
    // Reads an ignore file; a missing file is no error (it just adds nothing).
    bool addFile(const QString &path, QString *error = nullptr);

    bool isEmpty() const { return m_patterns.isEmpty(); }
    int size() const { return int(m_patterns.size()); }

    // Whether `path` itself is matched, its folders not considered: for a walk that does not
    // enter excluded folders.
    bool matches(const QString &path, bool isDir) const;
    // Whether `path` is excluded, by itself or because a folder above it is.
    bool isIgnored(const QString &path, bool isDir) const;

private:
    struct Pattern
    {
        QRegularExpression regex;
        bool negated = false;
        bool dirOnly = false;
    };
    static QString translate(const QString &glob, bool *ok);

    QList<Pattern> m_patterns;
};
