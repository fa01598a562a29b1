#pragma once

#include <QString>
#include <QStringList>

namespace fal::emulator {

// A route path mapped onto the emulator root.
struct ResolvedPath
{
    QString relative; // "" for the root, otherwise "models/a.bin" (no leading or double slashes)
    QString localPath; // root + "/" + relative, not canonicalized (symlinks inside stay links)

    bool isRoot() const { return relative.isEmpty(); }
    QString apiPath() const; // "/data" or "/data/models/a.bin", as listings show it
    QString name() const; // last segment; "data" for the root
};

// Turns the path part of a route into a place inside the root, or refuses it.
//
// Accepted forms: relative ("models/x", what our client sends), absolute "/data/models/x" and the
// double-slash form fal's SDK puts on the wire ("//data/models/x" arrives here as "/data/...").
// Refused (the caller answers 400 and touches nothing): any ".." segment, NUL bytes, invalid
// UTF-8, absolute paths outside /data, the emulator's reserved state directory, and any existing
// path component that is a symlink resolving outside the root (or dangling).
class SafePathResolver
{
public:
    static constexpr const char *kReservedName = ".fal-emulator";

    explicit SafePathResolver(const QString &rootDir);

    bool isValid() const { return !m_canonicalRoot.isEmpty(); }
    QString rootDir() const { return m_canonicalRoot; }
    QString reservedDir() const
    {
        return m_canonicalRoot + QLatin1Char('/') + QLatin1String(kReservedName);
    }

    // `routePath` is the percent-decoded path after the route prefix, as raw bytes.
    bool resolve(const std::string &routePath, ResolvedPath *out, QString *error) const;
    bool resolve(const QString &routePath, ResolvedPath *out, QString *error) const;

    // Normalizes without touching the disk (no symlink checks): for comparing paths.
    static bool normalize(const QString &routePath, QString *relative, QString *error);

    // True if `localPath` (existing or not) stays inside the root once symlinks are resolved.
    bool staysInside(const QString &localPath, QString *error) const;

private:
    QString m_canonicalRoot;
};

} // namespace fal::emulator
