#include "emulator/server/EmulatorLogging.h"

Q_LOGGING_CATEGORY(lcEmulator, "fal.emulator", QtInfoMsg)
