#include "emulator/store/StoreLog.h"

Q_LOGGING_CATEGORY(lcStore, "fal.emulator.store", QtInfoMsg)
