#include "emulator/store/DirectoryScan.h"

#include "emulator/store/SafePathResolver.h"

#include <QFile>

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace fal::emulator {

namespace {

// The old listing (QDir) decoded each path and stat()ed it re-encoded, so a name that is not
// valid UTF-8 named nothing and was left out. (Not QString::fromUtf8(name): that drops a leading
// BOM, which QDir kept because it decoded the whole path.)
bool survivesDecoding(const char *name, size_t length)
{
    return QByteArrayView(name, qsizetype(length)).isValidUtf8();
}

// UTF-8 bytes compare like code points; UTF-16 puts U+E000..U+FFFF (lead bytes EE, EF) after the
// surrogate pairs of U+10000 and up (lead bytes F0..F4). At the first difference both names are
// at the same place in a character, so moving EE and EF above F4 is enough.
unsigned utf16Rank(unsigned char c)
{
    return c == 0xEE || c == 0xEF ? c + 0x10u : c;
}

} // namespace

void DirectoryEntry::setStat(const struct statx &st)
{
    isFile = S_ISREG(st.stx_mode);
    size = isFile ? qint64(st.stx_size) : 0;
    // Not every filesystem records a birth time; the change time is the closest stand-in.
    created = (st.stx_mask & STATX_BTIME) ? st.stx_btime : st.stx_ctime;
    updated = st.stx_mtime;
}

bool DirectoryScan::lessInUtf16Order(std::string_view a, std::string_view b)
{
    const size_t common = std::min(a.size(), b.size());
    for (size_t i = 0; i < common; ++i) {
        if (a[i] != b[i])
            return utf16Rank(static_cast<unsigned char>(a[i]))
                < utf16Rank(static_cast<unsigned char>(b[i]));
    }
    return a.size() < b.size();
}

void DirectoryScan::scan(const SafePathResolver &resolver, const ResolvedPath &dir)
{
    m_names.clear();
    m_entries.clear();
    const QByteArray dirPath = QFile::encodeName(dir.localPath);
    const int fd = ::open(dirPath.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    DIR *stream = ::fdopendir(fd);
    if (!stream) {
        ::close(fd);
        return;
    }
    const bool atRoot = dir.isRoot();
    while (const struct dirent *de = ::readdir(stream)) {
        const char *name = de->d_name;
        const size_t length = std::strlen(name);
        if ((length == 1 && name[0] == '.') || (length == 2 && name[0] == '.' && name[1] == '.'))
            continue;
        if (atRoot && std::strcmp(name, SafePathResolver::kReservedName) == 0)
            continue;
        if (!survivesDecoding(name, length))
            continue;
        bool isLink = de->d_type == DT_LNK;
        if (de->d_type == DT_UNKNOWN) { // some filesystems do not say: ask
            struct stat st
            {
            };
            if (::fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
                continue;
            isLink = S_ISLNK(st.st_mode);
        }
        // The folder itself was checked when its path was resolved, so only a link here can
        // lead elsewhere; links are few, so the full check is fine for them.
        if (isLink
            && !resolver.staysInside(
                QFile::decodeName(dirPath + '/' + QByteArrayView(name, qsizetype(length))),
                nullptr))
            continue;
        struct statx st
        {
        };
        if (::statx(fd, name, 0, STATX_BASIC_STATS | STATX_BTIME, &st) != 0)
            continue;
        DirectoryEntry entry;
        entry.nameOffset = quint32(m_names.size());
        entry.nameLength = quint32(length);
        entry.setStat(st);
        m_names.append(name, length);
        m_entries.push_back(entry);
    }
    ::closedir(stream); // closes fd too
    std::sort(m_entries.begin(), m_entries.end(),
              [this](const DirectoryEntry &a, const DirectoryEntry &b) {
                  return lessInUtf16Order(name(a), name(b));
              });
}

} // namespace fal::emulator
