#pragma once

#include <QByteArray>

// A listing entry whose string holds what a splitter must not take for the end of an entry:
// ']', '}', an escaped quote and an escaped backslash. Shared by the tests of the streaming
// parse (tst_filespecliststream, tst_listjob_stream).
inline QByteArray hostileListingEntry(int i, const QByteArray &name = {})
{
    const QByteArray n = name.isEmpty() ? "f" + QByteArray::number(i) : name;
    return "{\"path\":\"/data/d/" + n + "\",\"is_file\":true,\"size\":" + QByteArray::number(i)
        + ",\"note\":\"a ] b } c \\\" d \\\\\"}";
}
