#pragma once

#include <QString>
#include <optional>

// A path inside fal's /data store, kept in one canonical form: relative to /data, no leading or
// trailing slash, "" for the root. The wire wants relative paths (network/api/PROTOCOL.md,
// "Paths"), people and listings use absolute "/data/..." ones; this class is the one place that
// converts.
class RemotePath
{
public:
    RemotePath() = default; // the root, /data

    // Accepts "models/x", "/data/models/x", "//data/models/x", "data/models/x" is NOT special
    // (it names /data/data/models/x). Rejects anything that would leave /data: "..", ".", empty
    // segments are folded, NUL and backslashes are refused. Returns nullopt with a reason.
    static std::optional<RemotePath> parse(const QString &text, QString *whyNot = nullptr);
    // For trusted input that is already canonical (e.g. built by join()); asserts in debug builds.
    static RemotePath fromRelative(const QString &relative);

    bool isRoot() const { return m_relative.isEmpty(); }
    QString relative() const { return m_relative; } // "models/x"
    QString absolute() const; // "/data/models/x"
    QString name() const; // "x"; "data" for the root
    RemotePath parent() const; // the root's parent is the root
    RemotePath child(const QString &name) const; // name must be one valid segment
    bool isAncestorOf(const RemotePath &other) const; // strict
    // Percent-encoded for a route: every segment encoded, '/' kept. Empty for the root.
    QString encodedForRoute() const;

    bool operator==(const RemotePath &other) const { return m_relative == other.m_relative; }
    bool operator<(const RemotePath &other) const { return m_relative < other.m_relative; }

    // A single file or folder name that is safe to create remotely and locally.
    static bool isValidName(const QString &name, QString *whyNot = nullptr);
    // `name` cut to at most `maxBytes` of UTF-8, at a character boundary (for names made from
    // names: hidden temporary files, the aside name of a replace).
    static QString truncatedName(const QString &name, int maxBytes);

private:
    explicit RemotePath(QString relative) : m_relative(std::move(relative)) { }
    QString m_relative;
};

size_t qHash(const RemotePath &path, size_t seed = 0);
