#include "network/sync/SyncLog.h"

Q_LOGGING_CATEGORY(lcSync, "fal.sync", QtInfoMsg)
