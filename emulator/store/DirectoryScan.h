#pragma once

#include <QtGlobal>

#include <sys/stat.h>

#include <string>
#include <string_view>
#include <vector>

namespace fal::emulator {

class SafePathResolver;
struct ResolvedPath;

// What a listing shows of one entry: statx() of the entry, following a symlink.
struct DirectoryEntry
{
    quint32 nameOffset = 0; // into DirectoryScan's name buffer
    quint32 nameLength = 0;
    bool isFile = false;
    qint64 size = 0; // 0 for anything but a regular file
    struct statx_timestamp created
    {
    }; // birth time, or the change time where none is recorded
    struct statx_timestamp updated
    {
    };

    // Fills the stat fields from one statx() answer (STATX_BASIC_STATS | STATX_BTIME).
    void setStat(const struct statx &st);
};

// The direct children of one folder, read with a single readdir() pass and one statx() each,
// sorted by name in UTF-16 order (QString's, which QDir::Name used: the answers stay in the
// order they always had). Left out, as before: the reserved state dir at the root, names that
// are not valid UTF-8 (their decoded path named nothing), symlinks that lead out of the root
// or dangle, and whatever cannot be stat()ed. A listing of 100,000 entries made one QString,
// QFileInfo and path walk per entry before; the names now share one buffer.
class DirectoryScan
{
public:
    // A missing or unreadable folder, or a file, gives no entries.
    void scan(const SafePathResolver &resolver, const ResolvedPath &dir);

    const std::vector<DirectoryEntry> &entries() const { return m_entries; }
    std::string_view name(const DirectoryEntry &entry) const
    {
        return std::string_view(m_names).substr(entry.nameOffset, entry.nameLength);
    }
    qsizetype nameBytes() const { return qsizetype(m_names.size()); }

    // Strict QString::operator< on the UTF-16 forms of two UTF-8 names, without converting.
    static bool lessInUtf16Order(std::string_view a, std::string_view b);

private:
    std::string m_names;
    std::vector<DirectoryEntry> m_entries;
};

} // namespace fal::emulator
