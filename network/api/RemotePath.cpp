#include "network/api/RemotePath.h"

#include "network/text/VisibleText.h"

#include <QHash>
#include <QStringList>
#include <QUrl>

namespace {
const QString kRootPrefix = QStringLiteral("/data");
}

std::optional<RemotePath> RemotePath::parse(const QString &text, QString *whyNot)
{
    auto fail = [whyNot](const QString &reason) -> std::optional<RemotePath> {
        if (whyNot)
            *whyNot = reason;
        return std::nullopt;
    };
    // No trimming: "notes.txt " is a legal name on /data. The UI trims what people type.
    QString rest = text;
    if (rest.contains(QChar(0)))
        return fail(QStringLiteral("the path contains a NUL character"));
    if (rest.contains(QLatin1Char('\\')))
        return fail(QStringLiteral("the path contains a backslash; use '/' between folders"));
    if (rest.startsWith(QLatin1Char('/'))) {
        // Absolute: must be /data or below it (one or more leading slashes, as fal's SDK sends).
        while (rest.startsWith(QLatin1String("//")))
            rest.remove(0, 1);
        if (rest != kRootPrefix && !rest.startsWith(kRootPrefix + QLatin1Char('/')))
            return fail(QStringLiteral("'%1' is outside /data; fal stores files only under /data")
                            .arg(text));
        rest = rest.mid(kRootPrefix.size());
    }
    QStringList kept;
    const QStringList segments = rest.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &segment : segments) {
        if (segment == QLatin1String(".") || segment == QLatin1String(".."))
            return fail(QStringLiteral("'%1' uses '%2'; write the full path below /data")
                            .arg(text, segment));
        kept << segment;
    }
    return RemotePath(kept.join(QLatin1Char('/')));
}

RemotePath RemotePath::fromRelative(const QString &relative)
{
    Q_ASSERT(parse(relative).has_value() && parse(relative)->relative() == relative);
    return RemotePath(relative);
}

QString RemotePath::absolute() const
{
    return m_relative.isEmpty() ? kRootPrefix : kRootPrefix + QLatin1Char('/') + m_relative;
}

QString RemotePath::name() const
{
    if (m_relative.isEmpty())
        return QStringLiteral("data");
    return m_relative.section(QLatin1Char('/'), -1);
}

RemotePath RemotePath::parent() const
{
    const qsizetype slash = m_relative.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? RemotePath() : RemotePath(m_relative.left(slash));
}

RemotePath RemotePath::child(const QString &name) const
{
    Q_ASSERT(isValidName(name));
    return RemotePath(m_relative.isEmpty() ? name : m_relative + QLatin1Char('/') + name);
}

bool RemotePath::isAncestorOf(const RemotePath &other) const
{
    if (other.m_relative == m_relative)
        return false;
    return m_relative.isEmpty() || other.m_relative.startsWith(m_relative + QLatin1Char('/'));
}

QString RemotePath::encodedForRoute() const
{
    QStringList encoded;
    for (const QString &segment : m_relative.split(QLatin1Char('/'), Qt::SkipEmptyParts))
        encoded << QString::fromLatin1(QUrl::toPercentEncoding(segment));
    return encoded.join(QLatin1Char('/'));
}

bool RemotePath::isValidName(const QString &name, QString *whyNot)
{
    auto fail = [whyNot](const QString &reason) {
        if (whyNot)
            *whyNot = reason;
        return false;
    };
    if (name.trimmed().isEmpty())
        return fail(QStringLiteral("the name is empty"));
    if (name == QLatin1String(".") || name == QLatin1String(".."))
        return fail(QStringLiteral("'%1' is not a valid name").arg(name));
    if (name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return fail(QStringLiteral("a name cannot contain '/' or '\\'"));
    // C0, DEL and C1 (U+0080..U+009F: a terminal may read U+009B as the start of an escape
    // sequence): such a name could not be shown or typed back as it is.
    if (VisibleText::hasControls(name))
        return fail(QStringLiteral("a name cannot contain control characters"));
    if (name.toUtf8().size() > 255)
        return fail(QStringLiteral("the name is longer than 255 bytes"));
    return true;
}

QString RemotePath::truncatedName(const QString &name, int maxBytes)
{
    QString cut = name;
    while (!cut.isEmpty() && (cut.toUtf8().size() > maxBytes || cut.back().isHighSurrogate()))
        cut.chop(1);
    return cut;
}

size_t qHash(const RemotePath &path, size_t seed)
{
    return qHash(path.relative(), seed);
}
