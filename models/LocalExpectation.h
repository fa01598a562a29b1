#pragma once

#include "network/api/FileSpec.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QString>

// What the app itself just did to one name of a folder (created, renamed, moved, deleted), kept
// for a while because /data is eventually consistent: a listing taken right after the change may
// still show the old state. Until the listing agrees, or the expectation expires, the expectation
// wins over the listing.
struct LocalExpectation
{
    bool present = true; // the name should be there (created/moved in) or gone (deleted/moved out)
    FileSpec spec; // what to show while the server has not caught up (when present)
    QDeadlineTimer until;
};

using LocalExpectations = QHash<QString, LocalExpectation>; // by name, within one folder
