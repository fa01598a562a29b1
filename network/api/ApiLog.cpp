#include "network/api/ApiLog.h"

Q_LOGGING_CATEGORY(lcNetwork, "fal.network", QtInfoMsg)
