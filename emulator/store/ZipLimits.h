#pragma once

#include <QtGlobal>

namespace fal::emulator {

// Limits that keep an `unzip=true` upload from becoming a zip bomb. They are checked against the
// bytes actually written, never against sizes the archive claims about itself.
struct ZipLimits
{
    qint64 maxTotalBytes = qint64(64) * 1024 * 1024 * 1024; // uncompressed bytes, whole archive
    qint64 maxEntries = 100000;
    // Deflate tops out near 1032:1, so only archives of near-constant data or overlapping-entry
    // bombs exceed this; the grace lets small, very compressible archives through.
    double maxRatio = 200.0;
    qint64 ratioGraceBytes = qint64(64) * 1024 * 1024;
};

} // namespace fal::emulator
