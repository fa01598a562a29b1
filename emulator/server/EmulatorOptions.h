#pragma once

#include "emulator/server/FaultOptions.h"
#include "emulator/store/ZipLimits.h"

#include <QString>

namespace fal::emulator {

struct EmulatorOptions
{
    QString rootDir; // stands in for /data; must exist
    QString key; // "id:secret"; empty: start() makes a random one (see EmulatorServer::key())
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0; // 0 picks a free port
    FaultOptions faults;
    int uploadExpiryDays = 7; // unfinished multipart uploads older than this (last activity) vanish
    QString logFile; // request log as JSON lines; empty: in memory only
    ZipLimits zipLimits;
};

} // namespace fal::emulator
