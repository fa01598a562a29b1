#include "emulator/store/SafePathResolver.h"

#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>

#include <climits>
#include <cstdlib>

namespace fal::emulator {

namespace {

bool lexists(const QString &path, bool *isLink)
{
    struct stat st
    {
    };
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
        return false;
    *isLink = S_ISLNK(st.st_mode);
    return true;
}

QString realPath(const QString &path)
{
    char buffer[PATH_MAX];
    if (!::realpath(QFile::encodeName(path).constData(), buffer))
        return {};
    return QFile::decodeName(buffer);
}

} // namespace

QString ResolvedPath::apiPath() const
{
    return relative.isEmpty() ? QStringLiteral("/data") : QStringLiteral("/data/") + relative;
}

QString ResolvedPath::name() const
{
    if (relative.isEmpty())
        return QStringLiteral("data");
    return relative.section(QLatin1Char('/'), -1);
}

SafePathResolver::SafePathResolver(const QString &rootDir)
{
    const QFileInfo info(rootDir);
    if (info.isDir())
        m_canonicalRoot = info.canonicalFilePath();
}

bool SafePathResolver::normalize(const QString &routePath, QString *relative, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (routePath.contains(QChar(0)))
        return fail(QStringLiteral("Invalid path: contains a NUL byte"));

    QString path = routePath;
    if (path.startsWith(QLatin1Char('/'))) {
        // Absolute: only /data and below are served ("//data/x" from fal's SDK lands here too).
        while (path.startsWith(QLatin1Char('/')))
            path.remove(0, 1);
        if (path != QLatin1String("data") && !path.startsWith(QLatin1String("data/")))
            return fail(QStringLiteral("Invalid path: absolute paths must be under /data"));
        path = path.mid(4);
    }

    QStringList segments;
    for (const QString &segment : path.split(QLatin1Char('/'), Qt::SkipEmptyParts)) {
        if (segment == QLatin1String("."))
            continue;
        if (segment == QLatin1String(".."))
            return fail(QStringLiteral("Invalid path: '..' is not allowed"));
        segments.append(segment);
    }
    if (!segments.isEmpty() && segments.first() == QLatin1String(kReservedName))
        return fail(
            QStringLiteral("Invalid path: %1 is reserved").arg(QLatin1String(kReservedName)));
    *relative = segments.join(QLatin1Char('/'));
    return true;
}

bool SafePathResolver::resolve(const std::string &routePath, ResolvedPath *out,
                               QString *error) const
{
    const QString decoded = QString::fromUtf8(routePath.data(), qsizetype(routePath.size()));
    if (decoded.toUtf8() != QByteArray::fromStdString(routePath)) {
        if (error)
            *error = QStringLiteral("Invalid path: not valid UTF-8");
        return false;
    }
    return resolve(decoded, out, error);
}

bool SafePathResolver::resolve(const QString &routePath, ResolvedPath *out, QString *error) const
{
    if (!isValid()) {
        if (error)
            *error = QStringLiteral("emulator root is not available");
        return false;
    }
    QString relative;
    if (!normalize(routePath, &relative, error))
        return false;
    const QString localPath
        = relative.isEmpty() ? m_canonicalRoot : m_canonicalRoot + QLatin1Char('/') + relative;
    if (!staysInside(localPath, error))
        return false;
    out->relative = relative;
    out->localPath = localPath;
    return true;
}

bool SafePathResolver::staysInside(const QString &localPath, QString *error) const
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (localPath == m_canonicalRoot)
        return true;
    if (!localPath.startsWith(m_canonicalRoot + QLatin1Char('/')))
        return fail(QStringLiteral("Invalid path: outside the data root"));

    // Walk the existing components: each one must resolve to a place inside the root and outside
    // the reserved directory. realpath() follows chains of links, so checking every existing
    // prefix also covers a link whose target is itself a link.
    const QString reserved = reservedDir();
    const QStringList segments
        = localPath.mid(m_canonicalRoot.size() + 1).split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString prefix = m_canonicalRoot;
    for (const QString &segment : segments) {
        prefix += QLatin1Char('/') + segment;
        bool isLink = false;
        if (!lexists(prefix, &isLink))
            break; // nothing below a missing component can be a link yet
        if (!isLink)
            continue;
        const QString target = realPath(prefix);
        if (target.isEmpty())
            return fail(QStringLiteral("Invalid path: dangling symbolic link"));
        if (target != m_canonicalRoot && !target.startsWith(m_canonicalRoot + QLatin1Char('/')))
            return fail(QStringLiteral("Invalid path: symbolic link points outside the data root"));
        if (target == reserved || target.startsWith(reserved + QLatin1Char('/')))
            return fail(
                QStringLiteral("Invalid path: %1 is reserved").arg(QLatin1String(kReservedName)));
    }
    return true;
}

} // namespace fal::emulator
