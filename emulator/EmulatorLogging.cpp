#include "EmulatorLogging.h"

Q_LOGGING_CATEGORY(lcEmulator, "fal.emulator", QtInfoMsg)
