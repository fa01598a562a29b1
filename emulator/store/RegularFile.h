#pragma once

#include <QString>

#include <sys/stat.h>

namespace fal::emulator {

// Opens a file of the root for reading only if it is a regular file.
//
// The type is checked before open(): opening a FIFO blocks until a writer turns up (a download
// worker would hang for good) and opening a device can do things of its own. The open itself is
// O_NONBLOCK, so a FIFO swapped in between the check and the open cannot block either, and
// fstat() confirms what was actually opened.
class RegularFile
{
public:
    enum class Status {
        Ok,
        Missing, // nothing there (or it vanished meanwhile)
        Directory,
        NotRegular, // FIFO, socket, device; a symbolic link when links are not followed
        Unreadable, // exists but open() failed (permissions, ...)
    };

    struct Result
    {
        Status status = Status::Missing;
        int fd = -1; // owned by the caller when status is Ok; blocking mode
        struct stat st
        {
        };
        QString kind; // what it is when NotRegular: "FIFO", "socket", ...
        int error = 0; // errno when Unreadable
    };

    // `followLinks` false: a symbolic link is NotRegular and never opened (O_NOFOLLOW).
    static Result open(const QString &path, bool followLinks = true);
    static QString kindName(mode_t mode);
};

} // namespace fal::emulator
