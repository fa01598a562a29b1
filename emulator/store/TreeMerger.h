#pragma once

#include <QString>

namespace fal::emulator {

class StagingArea;

// Moves a finished tree (an extracted ZIP, staged in tmp/) into the data root with rename(), so
// each file appears whole. Paths given here were already checked by SafePathResolver.
class TreeMerger
{
public:
    // Everything under `source` moves into `destination` (created if missing). A file replaces a
    // file of the same name; a directory merges into an existing directory; an entry of the
    // other kind (or a symlink) is replaced. `source` is left empty.
    static bool merge(const QString &source, const QString &destination, const StagingArea &staging,
                      QString *error);

    // mkdir -p that says which component is in the way.
    static bool ensureDirectory(const QString &path, QString *error);

    // rename(2), replacing a file but never a directory at `to`.
    static bool moveFileIntoPlace(const QString &from, const QString &to, QString *error);
};

} // namespace fal::emulator
